package example;

import com.munityapps.secrets.MunitySecrets;
import com.sun.jna.NativeLibrary;

/** Where the program runs and which native library JNA found by itself (nothing set by hand). */
final class Platform {
    private Platform() {}

    static String describe() {
        if (System.getProperty("jna.library.path") != null || System.getProperty("jna.boot.library.path") != null) {
            throw new IllegalStateException("jna.library.path is set: JNA must find the library in the jar by itself");
        }
        String nativeVersion = MunitySecrets.INSTANCE.nativeVersion(); // loads the library
        String file = NativeLibrary.getInstance("munity_secrets_kotlin").getFile().getPath();
        return "os.arch=" + System.getProperty("os.arch") + " java=" + System.getProperty("java.version")
                + " jna-prefix=" + com.sun.jna.Platform.RESOURCE_PREFIX + " native=" + nativeVersion
                + " loaded-from=" + file;
    }
}
