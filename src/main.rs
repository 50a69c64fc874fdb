fn main() {
    println!("riskshare");
}
