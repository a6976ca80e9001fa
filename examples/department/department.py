"""A department's client for the 12345 hotline, over AMQP (RabbitMQ) with pika.

It reads the department's tasks from the queue `tasks.<code>` and answers each one on the
exchange `hotline.replies`: first `accept` (we have it), then `resolve` (done). A real client
would put a person between the two; this one shows the wire format and the reliability rules:

- a reply is a persistent JSON message with a unique `message_id` (the dispatcher drops a
  message id it has already applied, so a retried publish is harmless), routing key = action;
- a task is acknowledged only after both replies were confirmed by the broker, so a crash in
  between leaves the task in the queue and it comes again (at-least-once);
- SIGINT (Ctrl-C) and SIGTERM stop it cleanly: the task in hand is finished, the rest stay queued.

Usage: run <AMQP_URL> <department code>   (see README.md beside this file)
"""
import json
import signal
import sys
import uuid

import pika


def reply(channel, task, action, note):
    """Publishes one reply and waits for the broker's confirm (raises if it was refused)."""
    body = {"ticketId": task["ticketId"], "department": task["department"], "action": action, "note": note}
    channel.basic_publish(
        exchange="hotline.replies",
        routing_key=action,  # accept | progress | resolve | return
        body=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        properties=pika.BasicProperties(
            message_id=str(uuid.uuid4()),  # unique per reply: the dispatcher deduplicates on it
            type="reply",
            content_type="application/json",
            delivery_mode=2,  # persistent
        ),
        mandatory=True,  # a reply no queue takes comes back as an error instead of vanishing
    )


def main(url, code):
    connection = pika.BlockingConnection(pika.URLParameters(url))
    channel = connection.channel()
    channel.confirm_delivery()  # basic_publish now returns only once the broker has the message
    channel.basic_qos(prefetch_count=10)

    def handle(channel, method, properties, body):
        try:
            task = json.loads(body)
        except ValueError:
            # Not JSON: nobody can do anything with it; reject it (it goes to tasks.<code>.dead).
            print(f"rejected {properties.message_id}: not JSON", flush=True)
            channel.basic_reject(method.delivery_tag, requeue=False)
            return
        # The task names the ticket (ticketId, number), our role (lead or assist), the
        # category, description, location, caller and deadlines: see docs/asyncapi.yaml.
        print(f"task {task['number']} ({task['role']}): {task['description']}", flush=True)
        reply(channel, task, "accept", "已接单，安排人员处理")
        if task["role"] == "lead":  # only the lead department resolves; an assisting one reports progress
            reply(channel, task, "resolve", "已处理完毕")
        else:
            reply(channel, task, "progress", "已配合处理")
        channel.basic_ack(method.delivery_tag)  # after the replies are safely with the broker

    # The queue exists once the jurisdiction is loaded; passive: fail fast on a wrong code.
    channel.queue_declare(f"tasks.{code}", passive=True)
    channel.basic_consume(f"tasks.{code}", handle)

    def stop(signum, frame):
        # Runs between two callbacks: stop consuming, let start_consuming() return.
        connection.add_callback_threadsafe(channel.stop_consuming)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    print(f"consuming tasks.{code}; Ctrl-C stops", flush=True)
    channel.start_consuming()
    connection.close()
    print("stopped", flush=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: run <AMQP_URL> <department code>")
    main(sys.argv[1], sys.argv[2])
