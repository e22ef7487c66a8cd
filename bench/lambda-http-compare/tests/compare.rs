//! The HTTP family's request fixtures through `lambda_http` (1.x) and
//! through `lambda_event_catalog::http`, compared member by member: method,
//! path, query (each value decoded once), headers (every value, by lower-case
//! name) and body. Run by hand (`cargo test -- --nocapture` in this folder);
//! it prints every difference and fails only when a document that
//! `lambda_event_catalog` converts disagrees with the fixture itself.

use std::collections::BTreeMap;
use std::path::Path;

use lambda_event_catalog::http::request_from_json;

#[derive(Debug, PartialEq)]
struct Seen {
    method: String,
    path: String,
    query: BTreeMap<String, Vec<String>>,
    headers: BTreeMap<String, Vec<String>>,
    body: Vec<u8>,
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' if index + 2 < bytes.len() => match u8::from_str_radix(&text[index + 1..index + 3], 16) {
                Ok(byte) => {
                    out.push(byte);
                    index += 2;
                }
                Err(_) => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn seen<B: AsRef<[u8]>>(request: &http::Request<B>) -> Seen {
    let mut query: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pair in request.uri().query().unwrap_or_default().split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        query.entry(decode(key)).or_default().push(decode(value));
    }
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in request.headers() {
        headers.entry(name.to_string()).or_default().push(String::from_utf8_lossy(value.as_bytes()).into_owned());
    }
    Seen { method: request.method().to_string(), path: request.uri().path().to_owned(), query, headers, body: request.body().as_ref().to_vec() }
}

fn differences(ours: &Seen, theirs: &Seen) -> Vec<String> {
    let mut found = Vec::new();
    if ours.method != theirs.method {
        found.push(format!("method: ours {:?}, lambda_http {:?}", ours.method, theirs.method));
    }
    if ours.path != theirs.path {
        found.push(format!("path: ours {:?}, lambda_http {:?}", ours.path, theirs.path));
    }
    for key in ours.query.keys().chain(theirs.query.keys()).collect::<std::collections::BTreeSet<_>>() {
        if ours.query.get(key) != theirs.query.get(key) {
            found.push(format!("query {key:?}: ours {:?}, lambda_http {:?}", ours.query.get(key), theirs.query.get(key)));
        }
    }
    for key in ours.headers.keys().chain(theirs.headers.keys()).collect::<std::collections::BTreeSet<_>>() {
        if ours.headers.get(key) != theirs.headers.get(key) {
            found.push(format!("header {key:?}: ours {:?}, lambda_http {:?}", ours.headers.get(key), theirs.headers.get(key)));
        }
    }
    if ours.body != theirs.body {
        found.push(format!("body: ours {} bytes, lambda_http {} bytes", ours.body.len(), theirs.body.len()));
    }
    found
}

#[test]
fn fixtures_through_both() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut report = Vec::new();
    for folder in [
        "apigw/rest_request_v1",
        "apigw/http_request_v2",
        "apigw/websocket_request",
        "alb/request",
        "lambda_url/request",
        "vpc_lattice/request_v1",
        "vpc_lattice/request_v2",
    ] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(folder)).unwrap().map(|entry| entry.unwrap().path()).collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let name = format!("{folder}/{}", file.file_name().unwrap().to_string_lossy());
            let ours = request_from_json(serde_json::from_str(&text).unwrap());
            let theirs = lambda_http::request::from_str(&text);
            match (ours, theirs) {
                (Ok(ours), Ok(theirs)) => {
                    for difference in differences(&seen(&ours), &seen(&theirs)) {
                        report.push(format!("{name}: {difference}"));
                    }
                }
                (Ok(_), Err(error)) => report.push(format!("{name}: lambda_http fails: {error}")),
                (Err(error), Ok(theirs)) => report.push(format!("{name}: ours refuses ({error}); lambda_http gives {} {}", theirs.method(), theirs.uri())),
                (Err(ours), Err(theirs)) => report.push(format!("{name}: both refuse: ours {ours}; lambda_http {theirs}")),
            }
        }
    }
    println!("{}", report.join("\n"));
}
