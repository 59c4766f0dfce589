package io.spillover.local.internal.worker;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** The {@link Context} the builtin runtime gives a handler, filled as Lambda fills it. */
final class WorkerContext implements Context {
  private static final LambdaLogger LOGGER = new LambdaLogger() {
    @Override
    public void log(String message) {
      System.out.print(message);
      System.out.flush();
    }

    @Override
    public void log(byte[] message) {
      log(new String(message, StandardCharsets.UTF_8));
    }
  };

  private final String requestId;
  private final long deadlineEpochMillis;
  private final String functionArn;
  private final String traceId;

  WorkerContext(String requestId, long deadlineEpochMillis, String functionArn, String traceId) {
    this.requestId = requestId;
    this.deadlineEpochMillis = deadlineEpochMillis;
    this.functionArn = functionArn;
    this.traceId = traceId;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
  }

  @Override
  public String getLogStreamName() {
    return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
  }

  @Override
  public String getFunctionName() {
    return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
  }

  @Override
  public String getFunctionVersion() {
    return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
  }

  @Override
  public String getInvokedFunctionArn() {
    return functionArn;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, deadlineEpochMillis - System.currentTimeMillis());
  }

  @Override
  public int getMemoryLimitInMB() {
    return Integer.parseInt(System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
  }

  @Override
  public LambdaLogger getLogger() {
    return LOGGER;
  }

  @Override
  public String getXrayTraceId() {
    return traceId;
  }
}
