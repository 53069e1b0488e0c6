// The web UI in web/dist is embedded into the binary: rebuild when it changes (or first appears).
fn main() {
    println!("cargo:rerun-if-changed=../../web/dist");
}
