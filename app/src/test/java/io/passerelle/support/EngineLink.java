package io.passerelle.support;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application's link to the engine, which a test can cut: while cut, every gRPC call of the
 * application's Camunda client (commands, job polling) fails at once with {@code UNAVAILABLE}, as
 * with a gateway that is down or a network that is gone; the engine itself runs on, and its state
 * is intact when the link comes back. The Camunda Spring starter puts every {@link
 * ClientInterceptor} bean into its client. It is in the isolated context ({@link
 * IsolatedSpringTest}), where it lets every call through until a test cuts it (and restores it when
 * done); the configuration is itself the bean a test injects.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EngineLink {

  private final AtomicBoolean cut = new AtomicBoolean();

  @Bean
  ClientInterceptor engineLinkInterceptor() {
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(
          MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        if (!cut.get()) {
          return next.newCall(method, options);
        }
        return new ClientCall<>() {
          @Override
          public void start(Listener<R> listener, Metadata headers) {
            listener.onClose(
                Status.UNAVAILABLE.withDescription("the test cut the link to the engine"),
                new Metadata());
          }

          @Override
          public void request(int count) {}

          @Override
          public void cancel(String message, Throwable cause) {}

          @Override
          public void halfClose() {}

          @Override
          public void sendMessage(Q message) {}
        };
      }
    };
  }

  public void cut() {
    cut.set(true);
  }

  public void restore() {
    cut.set(false);
  }
}
