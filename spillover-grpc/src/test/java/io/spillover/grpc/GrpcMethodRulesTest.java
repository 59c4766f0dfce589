package io.spillover.grpc;

import static io.spillover.grpc.GrpcMethodRules.Verdict.DESTINATION_ONLY;
import static io.spillover.grpc.GrpcMethodRules.Verdict.SPILL_IDEMPOTENT;
import static io.spillover.grpc.GrpcMethodRules.Verdict.SPILL_ONCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.MethodDescriptor;
import org.junit.jupiter.api.Test;

class GrpcMethodRulesTest {
  private static final MethodDescriptor<String, String> SAFE = MethodDescriptor
      .<String, String>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("test.Logic/Read").setSafe(true)
      .setRequestMarshaller(TestService.Strings.INSTANCE)
      .setResponseMarshaller(TestService.Strings.INSTANCE).build();

  @Test
  void idempotentAndSafeUnaryMethodsSpillByDefaultOthersStayOnTheDestination() {
    GrpcMethodRules rules = GrpcMethodRules.defaults();
    assertThat(rules.verdict(TestService.GET)).isEqualTo(SPILL_IDEMPOTENT);
    assertThat(rules.verdict(SAFE)).isEqualTo(SPILL_IDEMPOTENT);
    assertThat(rules.verdict(TestService.CREATE)).isEqualTo(DESTINATION_ONLY);
    assertThat(rules.verdict(TestService.WATCH)).as("streaming, though marked safe")
        .isEqualTo(DESTINATION_ONLY);
  }

  @Test
  void listedMethodsSpillOnceAndNeverWins() {
    GrpcMethodRules rules = GrpcMethodRules.defaults().spill("test.Logic/Create")
        .never("test.Logic/Get");
    assertThat(rules.verdict(TestService.CREATE)).isEqualTo(SPILL_ONCE);
    assertThat(rules.verdict(TestService.CHARGE)).isEqualTo(DESTINATION_ONLY);
    assertThat(rules.verdict(TestService.GET)).isEqualTo(DESTINATION_ONLY);
    GrpcMethodRules service = GrpcMethodRules.defaults().spill("test.Logic/*");
    assertThat(service.verdict(TestService.CHARGE)).isEqualTo(SPILL_ONCE);
    assertThat(service.verdict(TestService.WATCH)).isEqualTo(DESTINATION_ONLY);
    assertThat(GrpcMethodRules.defaults().never("test.Logic/*").verdict(SAFE))
        .isEqualTo(DESTINATION_ONLY);
  }

  @Test
  void aMalformedRuleIsATypedError() {
    for (String bad : new String[] {"Create", "/Create", "test.Logic/", "a/b/c"}) {
      assertThatThrownBy(() -> GrpcMethodRules.defaults().spill(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
    }
  }
}
