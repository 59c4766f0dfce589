package io.spillover.local.internal.worker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A Lambda worker's main: watches the platform, then hands over to the AWS Lambda Runtime
 * Interface Client's own main ({@code AWSLambda}), which loads the handler named in the arguments
 * and polls the Runtime API at {@code AWS_LAMBDA_RUNTIME_API}, as in a Lambda environment.
 */
public final class RicLauncher {
  private RicLauncher() {}

  public static void main(String[] args) throws Throwable {
    ParentWatch.start();
    Method main = Class.forName("com.amazonaws.services.lambda.runtime.api.client.AWSLambda")
        .getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
