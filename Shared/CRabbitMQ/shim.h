#ifndef HOTLINE_CRABBITMQ_SHIM_H
#define HOTLINE_CRABBITMQ_SHIM_H

#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>
#include <amqp_ssl_socket.h>

/* Swift cannot call C variadic functions: this fixes amqp_login_with_properties to SASL PLAIN. */
static inline amqp_rpc_reply_t hotline_amqp_login_plain(amqp_connection_state_t state, char const *vhost,
                                                        int channel_max, int frame_max, int heartbeat,
                                                        const amqp_table_t *properties, char const *user,
                                                        char const *password) {
    return amqp_login_with_properties(state, vhost, channel_max, frame_max, heartbeat, properties,
                                      AMQP_SASL_METHOD_PLAIN, user, password);
}

#endif
