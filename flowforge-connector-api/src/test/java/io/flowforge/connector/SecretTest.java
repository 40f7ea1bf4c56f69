package io.flowforge.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void printsOnlyTheMaskAndRevealsTheValueOnRequest() {
        Secret s = Secret.of("hunter2-secret");
        assertThat(s.toString()).isEqualTo("******");
        assertThat(String.valueOf(s)).doesNotContain("hunter2");
        assertThat(s.reveal()).isEqualTo("hunter2-secret");
        assertThat(s).isEqualTo(Secret.of("hunter2-secret")).hasSameHashCodeAs(Secret.of("hunter2-secret"));
    }

    @Test
    void redactsEveryOccurrenceInAText() {
        Secret s = Secret.of("k3y");
        assertThat(s.redact("signature for k3y does not match k3y")).isEqualTo("signature for ****** does not match ******");
        assertThat(s.redact(null)).isNull();
        assertThat(Secret.of("").redact("nothing to hide")).isEqualTo("nothing to hide");
    }

    @Test
    void aNullValueIsRefused() {
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class).hasMessage("secret value is null");
    }
}
