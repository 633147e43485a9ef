package io.passerelle.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the statements prepared on the current thread's connections while a count is on ({@link
 * #count}); costs nothing otherwise. In the {@link IsolatedSpringTest} context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter {

  private static final ThreadLocal<AtomicInteger> COUNT = new ThreadLocal<>();

  /** Runs {@code work} on this thread and returns how many statements it prepared. */
  public static int count(CheckedWork work) throws Exception {
    COUNT.set(new AtomicInteger());
    try {
      work.run();
      return COUNT.get().get();
    } finally {
      COUNT.remove();
    }
  }

  /** Work that may throw. */
  @FunctionalInterface
  public interface CheckedWork {
    void run() throws Exception;
  }

  @Bean
  static BeanPostProcessor countStatements() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource)) {
          return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
              return counting(super.getConnection());
            }
          };
        }
        return bean;
      }
    };
  }

  private static Connection counting(Connection connection) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if ((name.equals("prepareStatement")
                  || name.equals("createStatement")
                  || name.equals("prepareCall"))
              && COUNT.get() != null) {
            COUNT.get().incrementAndGet();
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }
}
