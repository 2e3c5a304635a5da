package com.munityapps.secrets

import java.nio.file.Files
import java.nio.file.Path

/** Paths of the repository, handed over by Surefire (pom.xml), with a fallback for IDE runs. */
object Repo {
    val root: Path = Path.of(System.getProperty("munity.repoRoot") ?: "..").toAbsolutePath().normalize()
    val vectors: Path = root.resolve("tests/vectors")

    /** A committed TEST-ONLY key of tests/vectors/keys. */
    fun key(file: String): String = Files.readString(vectors.resolve("keys").resolve(file))

    val mainPrivate: String by lazy { key("TEST-ONLY-main-private-pkcs8.pem") }
    val mainPublic: String by lazy { key("TEST-ONLY-main-public-spki.pem") }
    val otherPrivate: String by lazy { key("TEST-ONLY-other-private-pkcs8.pem") }
}

/** How a key file's text is altered first, as in tests/vectors/README.md (key text as it arrives from the environment). */
fun transform(text: String, how: String?): String = when (how) {
    null -> text
    "escaped_newlines" -> text.replace("\n", "\\n")
    "double_escaped_newlines" -> text.replace("\n", "\\\\n")
    "quoted" -> "\"$text\""
    "crlf" -> text.replace("\n", "\r\n")
    "base64" -> java.util.Base64.getEncoder().encodeToString(text.toByteArray())
    "surrounding_whitespace" -> "  \n$text  \n"
    else -> error("unknown transform $how")
}

const val WORKSPACE = "11111111-2222-3333-aaaa-eeeeeeeeeeee"
const val INTEGRATION = "99999999-8888-4777-a666-555555555555"
