package io.spillover.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Lambda context as the Java runtime fills it for one invocation. */
final class FakeContext implements Context {
  final List<String> logs = new CopyOnWriteArrayList<>();
  private final String requestId;

  FakeContext(String requestId) {
    this.requestId = requestId;
  }

  @Override public String getAwsRequestId() { return requestId; }
  @Override public String getLogGroupName() { return "/aws/lambda/social-compose-post"; }
  @Override public String getLogStreamName() { return "2025/01/02/[7]0123456789abcdef"; }
  @Override public String getFunctionName() { return "social-compose-post"; }
  @Override public String getFunctionVersion() { return "7"; }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:eu-west-1:123456789012:function:social-compose-post:live";
  }

  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() { return 2900; }
  @Override public int getMemoryLimitInMB() { return 512; }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override public void log(String message) { logs.add(message); }
      @Override public void log(byte[] message) { logs.add(new String(message, StandardCharsets.UTF_8)); }
    };
  }
}
