package com.munityapps.secrets.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.munityapps.secrets.MunitySecrets;
import org.junit.jupiter.api.Test;

/** One version everywhere: the starter's equals the library's (and so the Cargo workspace's). */
class VersionTest {

    @Test
    void starterVersionIsTheLibraryVersion() {
        String starter = System.getProperty("munity.starterVersion");
        assertThat(starter).isNotBlank();
        assertThat(starter).isEqualTo(MunitySecrets.getVersion());
        assertThat(MunitySecrets.nativeVersion()).isEqualTo(starter);
    }
}
