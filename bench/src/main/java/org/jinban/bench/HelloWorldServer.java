package org.jinban.bench;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;

/**
 * The baseline for the cold-start ratio: a bare Helidon SE server with one route and a health
 * endpoint, started the same way as the kiosk (same JVM, same flags, same class path shape).
 */
public final class HelloWorldServer {
    private HelloWorldServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .addFeature(ObserveFeature.just(HealthObserver.builder().details(true).build()))
                .routing(r -> r.get("/hello", (req, res) -> res.send("Hello")))
                .build()
                .start();
    }
}
