//! `uniffi-bindgen`, built from the workspace so that the generator always matches the `uniffi`
//! version the binding crate was compiled with (`bindings-kotlin/build-native.sh` runs it).
fn main() {
    uniffi::uniffi_bindgen_main()
}
