"""Copies of what crosses the broker, taken from temporary queues of our own.

The copies come from exclusive, auto-deleted queues bound beside the services' own queues, so
nothing the services consume is taken away from them.
"""
import json
import time

import pika

REPLY_ACTIONS = ("accept", "progress", "resolve", "return")


class Capture:
    """Temporary queues on `hotline.events` (#), `hotline.tasks` (every department's key) and
    `hotline.replies` (every action); `drain()` returns what reached them."""

    def __init__(self, amqp_url, departments):
        parameters = pika.URLParameters(amqp_url)
        # The scenario runs between drains; heartbeats would need this connection to be served meanwhile.
        parameters.heartbeat = 0
        self.connection = pika.BlockingConnection(parameters)
        self.channel = self.connection.channel()
        self.queues = {}
        for exchange, keys in (
            ("hotline.events", ["#"]),
            ("hotline.tasks", list(departments)),
            ("hotline.replies", list(REPLY_ACTIONS)),
        ):
            name = self.channel.queue_declare("", exclusive=True, auto_delete=True).method.queue
            for key in keys:
                self.channel.queue_bind(name, exchange, routing_key=key)
            self.queues[exchange] = name
        self.messages = []
        self.confirming = False

    def drain(self, quiet_seconds=2.0, max_seconds=30.0):
        """Everything delivered so far, waiting until no new message came for `quiet_seconds`."""
        started = last = time.monotonic()
        while time.monotonic() - last < quiet_seconds and time.monotonic() - started < max_seconds:
            got = False
            for exchange, queue in self.queues.items():
                method, properties, body = self.channel.basic_get(queue, auto_ack=True)
                if method is None:
                    continue
                got = True
                self.messages.append(
                    {
                        "exchange": exchange,
                        "routingKey": method.routing_key,
                        "properties": {
                            "message_id": properties.message_id,
                            "type": properties.type,
                            "content_type": properties.content_type,
                            "delivery_mode": properties.delivery_mode,
                            "user_id": properties.user_id,
                            "headers": {k: (v.decode() if isinstance(v, bytes) else v) for k, v in (properties.headers or {}).items()},
                        },
                        "body": body.decode("utf-8", "replace"),
                    }
                )
            if got:
                last = time.monotonic()
            else:
                time.sleep(0.1)
        return self.messages

    def publish_reply(self, ticket_id, department, action, note, message_id):
        """A department's reply, as CONTRACTS section 5 and docs/integrating.md describe it."""
        body = json.dumps({"ticketId": ticket_id, "department": department, "action": action, "note": note}, ensure_ascii=False)
        if not self.confirming:
            self.channel.confirm_delivery()
            self.confirming = True
        self.channel.basic_publish(
            "hotline.replies", action, body.encode(),
            pika.BasicProperties(message_id=message_id, content_type="application/json", delivery_mode=2, type="reply"),
            mandatory=True,
        )

    def close(self):
        try:
            self.connection.close()
        except Exception:  # the broker may already have closed it
            pass
