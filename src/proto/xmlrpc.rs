//! XML-RPC (<http://xmlrpc.com/spec.md>) method calls and responses, as text in
//! and JSON values out, on top of the `dxr` codec (features `i8` and `nil`).
//!
//! The mapping layer is the documented rule netkit uses in both directions:
//!
//! | JSON (netkit)                          | XML-RPC                        |
//! |----------------------------------------|--------------------------------|
//! | integer in i32 range                   | `<int>` (`<i4>` read too)      |
//! | integer outside i32, inside i64        | `<i8>`                         |
//! | other number (fraction, exponent, u64) | `<double>`                     |
//! | `true` / `false`                       | `<boolean>`                    |
//! | string                                 | `<string>`                     |
//! | `null`                                 | `<nil/>` (Python: allow_none)  |
//! | array                                  | `<array>`                      |
//! | object                                 | `<struct>` (members sorted)    |
//! | `{"$base64": "aGk="}`                  | `<base64>`                     |
//! | `{"$datetime": "20200622T20:40:41"}`   | `<dateTime.iso8601>`           |
//!
//! A double that is not finite (NaN, inf) has no JSON number: it is shown as the
//! string `"nan"`, `"inf"` or `"-inf"`. Struct members come back sorted by name
//! (dxr keeps them in a map). This module does no I/O and knows nothing of HTTP.

use std::collections::BTreeMap;
use std::str::FromStr;

use base64::Engine;
use dxr::{DateTime, Fault, FaultResponse, MethodCall, MethodResponse, Value};
use serde_json::{Map, Number, Value as Json};
use thiserror::Error;

/// The tag of a base64 value in JSON.
pub const BASE64_TAG: &str = "$base64";
/// The tag of a dateTime.iso8601 value in JSON.
pub const DATETIME_TAG: &str = "$datetime";

/// What went wrong turning text into XML-RPC or back.
#[derive(Debug, Error, PartialEq)]
pub enum XmlRpcError {
    /// The document is not an XML-RPC methodCall / methodResponse.
    #[error("not an XML-RPC {expected}: {detail}")]
    Malformed {
        expected: &'static str,
        detail: String,
    },
    /// A JSON value has no XML-RPC form.
    #[error("cannot send {what} as XML-RPC: {why}")]
    Unmappable { what: String, why: String },
}

/// A decoded response: a value, or a fault with its code and string.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    Value(Json),
    Fault { code: i64, message: String },
}

/// Encode a `<methodCall>` for `method` with JSON parameters.
pub fn encode_call(method: &str, params: &[Json]) -> Result<String, XmlRpcError> {
    let params = params
        .iter()
        .map(to_xml_value)
        .collect::<Result<Vec<_>, _>>()?;
    let call = MethodCall {
        name: method.into(),
        params,
    };
    let body = call
        .to_xml()
        .map_err(|e| unmappable("the call", &e.to_string()))?;
    Ok(format!("<?xml version=\"1.0\"?>\n{body}\n"))
}

/// Decode a `<methodCall>`: the method name and its parameters as JSON.
pub fn decode_call(text: &str) -> Result<(String, Vec<Json>), XmlRpcError> {
    let doc = strip_prolog(text);
    if let Some(call) = fast::call(doc) {
        return Ok(call);
    }
    let call = MethodCall::from_xml(doc).map_err(|e| malformed("methodCall", e))?;
    Ok((
        call.name.into_owned(),
        call.params.iter().map(to_json).collect(),
    ))
}

/// Encode a successful `<methodResponse>` holding `value`.
pub fn encode_response(value: &Json) -> Result<String, XmlRpcError> {
    if let Some(xml) = fast::encode_response(value) {
        return Ok(xml);
    }
    let resp = MethodResponse {
        value: to_xml_value(value)?,
    };
    let body = resp
        .to_xml()
        .map_err(|e| unmappable("the response", &e.to_string()))?;
    Ok(format!("<?xml version=\"1.0\"?>\n{body}\n"))
}

/// Encode a `<fault>` response (`faultCode` is an i4 by the spec: clamped).
pub fn encode_fault(code: i64, message: &str) -> String {
    let code = code.clamp(i32::MIN as i64, i32::MAX as i64) as i32;
    let resp = FaultResponse {
        fault: Fault::new(code, message.to_string()),
    };
    // A fault of an int and a string always serialises.
    let body = resp.to_xml().unwrap_or_default();
    format!("<?xml version=\"1.0\"?>\n{body}\n")
}

/// Decode a `<methodResponse>`: a value or a fault.
pub fn decode_response(text: &str) -> Result<Response, XmlRpcError> {
    let doc = strip_prolog(text);
    if let Some(v) = fast::response(doc) {
        return Ok(Response::Value(v));
    }
    if doc.contains("<fault>") {
        let f = FaultResponse::from_xml(doc).map_err(|e| malformed("fault response", e))?;
        return Ok(Response::Fault {
            code: f.fault.code() as i64,
            message: f.fault.string().to_string(),
        });
    }
    let r = MethodResponse::from_xml(doc).map_err(|e| malformed("methodResponse", e))?;
    Ok(Response::Value(to_json(&r.value)))
}

/// Skip the `<?xml ...?>` declaration, comments-free prolog whitespace and a BOM.
fn strip_prolog(text: &str) -> &str {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    match t.strip_prefix("<?xml") {
        Some(rest) => rest
            .find("?>")
            .map(|i| rest[i + 2..].trim_start())
            .unwrap_or(t),
        None => t,
    }
}

fn malformed(expected: &'static str, e: dxr::Error) -> XmlRpcError {
    let mut detail = e.to_string();
    // dxr puts the whole input into "invalid data"; keep the message short.
    if detail.len() > 200 {
        let mut cut = 200;
        while !detail.is_char_boundary(cut) {
            cut -= 1;
        }
        detail.truncate(cut);
        detail.push('…');
    }
    XmlRpcError::Malformed { expected, detail }
}

fn unmappable(what: &str, why: &str) -> XmlRpcError {
    XmlRpcError::Unmappable {
        what: what.to_string(),
        why: why.to_string(),
    }
}

/// XML-RPC value → JSON, by the table in the module docs.
pub fn to_json(v: &Value) -> Json {
    match v {
        Value::Integer(i) => Json::from(*i),
        Value::Long(l) => Json::from(*l),
        Value::Boolean(b) => Json::Bool(*b),
        Value::String(s) => Json::String(s.clone()),
        Value::Double(d) => double_to_json(*d),
        Value::DateTime(dt) => tagged(DATETIME_TAG, dt.to_string()),
        Value::Base64(b) => tagged(
            BASE64_TAG,
            base64::engine::general_purpose::STANDARD.encode(b),
        ),
        Value::Struct(m) => Json::Object(m.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
        Value::Array(a) => Json::Array(a.iter().map(to_json).collect()),
        Value::Nil => Json::Null,
        // dxr's Value is non_exhaustive; any future variant shows as its XML.
        #[allow(unreachable_patterns)]
        other => Json::String(other.to_xml().unwrap_or_default()),
    }
}

fn double_to_json(d: f64) -> Json {
    match Number::from_f64(d) {
        Some(n) => Json::Number(n),
        None if d.is_nan() => Json::String("nan".into()),
        None if d > 0.0 => Json::String("inf".into()),
        None => Json::String("-inf".into()),
    }
}

fn tagged(tag: &str, text: String) -> Json {
    let mut m = Map::new();
    m.insert(tag.to_string(), Json::String(text));
    Json::Object(m)
}

/// JSON → XML-RPC value, by the table in the module docs.
pub fn to_xml_value(j: &Json) -> Result<Value, XmlRpcError> {
    Ok(match j {
        Json::Null => Value::Nil,
        Json::Bool(b) => Value::Boolean(*b),
        Json::Number(n) => number_to_xml(n),
        Json::String(s) => Value::String(s.clone()),
        Json::Array(a) => Value::Array(a.iter().map(to_xml_value).collect::<Result<_, _>>()?),
        Json::Object(m) => {
            if let Some(v) = tagged_value(m)? {
                return Ok(v);
            }
            let mut s = BTreeMap::new();
            for (k, v) in m {
                s.insert(k.clone(), to_xml_value(v)?);
            }
            Value::Struct(s)
        }
    })
}

fn number_to_xml(n: &Number) -> Value {
    if let Some(i) = n.as_i64() {
        match i32::try_from(i) {
            Ok(small) => Value::Integer(small),
            Err(_) => Value::Long(i),
        }
    } else {
        Value::Double(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// `{"$base64": "..."}` and `{"$datetime": "..."}` (exactly one key).
fn tagged_value(m: &Map<String, Json>) -> Result<Option<Value>, XmlRpcError> {
    if m.len() != 1 {
        return Ok(None);
    }
    let (k, v) = m.iter().next().expect("one entry");
    let text = match (k.as_str(), v) {
        (BASE64_TAG | DATETIME_TAG, Json::String(s)) => s,
        (BASE64_TAG | DATETIME_TAG, _) => {
            return Err(unmappable(
                &format!("{{\"{k}\": {v}}}"),
                "the value must be a string",
            ))
        }
        _ => return Ok(None),
    };
    if k == BASE64_TAG {
        let clean: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(clean)
            .map_err(|e| unmappable(&format!("{{\"{k}\": {v}}}"), &e.to_string()))?;
        Ok(Some(Value::Base64(bytes)))
    } else {
        let dt = DateTime::from_str(text.trim()).map_err(|_| {
            unmappable(
                &format!("{{\"{k}\": {v}}}"),
                "expected YYYYMMDDTHH:MM:SS, e.g. 20200622T20:40:41",
            )
        })?;
        Ok(Some(Value::DateTime(dt)))
    }
}

/// The fast path for the common case: documents whose values are all simple
/// scalars (`<int>`, `<i4>`, `<i8>`, `<boolean>`, `<string>` or bare text) are
/// read by a small scanner; anything else — a double, nil, base64, dateTime,
/// arrays, structs, entities, CDATA, comments, attributes — returns `None` and
/// goes to dxr. The scanner accepts a strict subset of what dxr accepts and
/// gives the same values (a differential test holds it to that), so it changes
/// speed, never meaning: a request is parsed in a fraction of dxr's time.
mod fast {
    use serde_json::Value as Json;

    /// A cursor over the document, skipping whitespace between tags.
    struct Scan<'a>(&'a str);

    impl<'a> Scan<'a> {
        fn ws(&mut self) {
            self.0 = self.0.trim_start_matches([' ', '\t', '\n', '\r']);
        }
        fn tag(&mut self, tag: &str) -> Option<()> {
            self.ws();
            self.0 = self.0.strip_prefix(tag)?;
            Some(())
        }
        fn peek(&mut self, tag: &str) -> bool {
            self.ws();
            self.0.starts_with(tag)
        }
        /// Text up to the next `<`: no markup, no entity, no CR (XML would
        /// normalise it), else `None`.
        fn text(&mut self) -> Option<&'a str> {
            let end = self.0.find('<')?;
            let text = &self.0[..end];
            if text.contains(['&', '\r', '>']) {
                return None;
            }
            self.0 = &self.0[end..];
            Some(text)
        }
        fn done(&mut self) -> Option<()> {
            self.ws();
            self.0.is_empty().then_some(())
        }
    }

    /// `<value>...</value>` holding a simple scalar.
    fn value(s: &mut Scan) -> Option<Json> {
        s.tag("<value>")?;
        // Bare text is a string, and so is `<value></value>`; text with
        // whitespace at either end goes to dxr, which trims some of it.
        if !s.0.starts_with('<') || s.0.starts_with("</value>") {
            let text = s.text()?;
            if text.trim() != text {
                return None;
            }
            s.0 = s.0.strip_prefix("</value>")?;
            return Some(Json::String(text.to_string()));
        }
        let v = if s.tag("<string>").is_some() {
            let text = s.text()?;
            s.0 = s.0.strip_prefix("</string>")?;
            Json::String(text.to_string())
        } else if s.tag("<boolean>").is_some() {
            let b = match s.text()? {
                "0" => false,
                "1" => true,
                _ => return None,
            };
            s.0 = s.0.strip_prefix("</boolean>")?;
            Json::Bool(b)
        } else {
            let (open, close) = [("<int>", "</int>"), ("<i4>", "</i4>"), ("<i8>", "</i8>")]
                .into_iter()
                .find(|(open, _)| s.0.starts_with(open))?;
            s.0 = &s.0[open.len()..];
            let digits = s.text()?;
            let unsigned = digits.strip_prefix('-').unwrap_or(digits);
            if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let n = if open == "<i8>" {
                Json::from(digits.parse::<i64>().ok()?)
            } else {
                Json::from(digits.parse::<i32>().ok()?)
            };
            s.0 = s.0.strip_prefix(close)?;
            n
        };
        s.tag("</value>")?;
        Some(v)
    }

    /// `<params>` with `<param>`s, each holding one simple value.
    fn params(s: &mut Scan) -> Option<Vec<Json>> {
        let mut out = Vec::new();
        if s.tag("<params/>").is_some() {
            return Some(out);
        }
        s.tag("<params>")?;
        while s.peek("<param>") {
            s.tag("<param>")?;
            out.push(value(s)?);
            s.tag("</param>")?;
        }
        s.tag("</params>")?;
        Some(out)
    }

    /// A `<methodCall>` (the prolog already skipped).
    pub fn call(doc: &str) -> Option<(String, Vec<Json>)> {
        let mut s = Scan(doc);
        s.tag("<methodCall>")?;
        s.tag("<methodName>")?;
        let name = s.text()?;
        let ok_name = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_.:/".contains(&b));
        if !ok_name {
            return None;
        }
        s.0 = s.0.strip_prefix("</methodName>")?;
        let params = if s.peek("</methodCall>") {
            Vec::new()
        } else {
            params(&mut s)?
        };
        s.tag("</methodCall>")?;
        s.done()?;
        Some((name.to_string(), params))
    }

    /// A successful `<methodResponse>` (the prolog already skipped).
    pub fn response(doc: &str) -> Option<Json> {
        let mut s = Scan(doc);
        s.tag("<methodResponse>")?;
        let mut values = params(&mut s)?;
        s.tag("</methodResponse>")?;
        s.done()?;
        (values.len() == 1).then(|| values.pop()).flatten()
    }

    /// The XML of a simple result, as dxr writes it; `None` for anything else.
    pub fn encode_response(value: &Json) -> Option<String> {
        let inner = match value {
            Json::Bool(b) => format!("<boolean>{}</boolean>", u8::from(*b)),
            Json::Number(n) => {
                let i = n.as_i64()?;
                match i32::try_from(i) {
                    Ok(small) => format!("<i4>{small}</i4>"),
                    Err(_) => format!("<i8>{i}</i8>"),
                }
            }
            Json::String(t) if !t.contains(['&', '<', '>', '\r', '"', '\'']) => {
                format!("<string>{t}</string>")
            }
            _ => return None,
        };
        Some(format!(
            "<?xml version=\"1.0\"?>\n<methodResponse><params><param><value>{inner}</value></param></params></methodResponse>\n"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const PY_CALL: &str = "<?xml version='1.0'?>\n<methodCall>\n<methodName>double</methodName>\n<params>\n<param>\n<value><int>7</int></value>\n</param>\n</params>\n</methodCall>\n";
    const PY_TYPES: &str = "<?xml version='1.0'?>\n<methodCall>\n<methodName>f</methodName>\n<params>\n<param>\n<value><nil/></value></param>\n<param>\n<value><base64>\naGk=\n</base64></value>\n</param>\n<param>\n<value><dateTime.iso8601>20200622T20:40:41</dateTime.iso8601></value>\n</param>\n<param>\n<value><struct>\n<member>\n<name>b</name>\n<value><int>1</int></value>\n</member>\n<member>\n<name>a</name>\n<value><array><data>\n<value><double>1.5</double></value>\n<value><boolean>1</boolean></value>\n</data></array></value>\n</member>\n</struct></value>\n</param>\n</params>\n</methodCall>\n";
    const PY_RESPONSE: &str = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><int>14</int></value>\n</param>\n</params>\n</methodResponse>\n";
    const PY_FAULT: &str = "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>1</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>boom</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n";

    #[test]
    fn decodes_pythons_call() {
        assert_eq!(
            decode_call(PY_CALL).unwrap(),
            ("double".into(), vec![json!(7)])
        );
    }

    #[test]
    fn decodes_every_type_python_sends() {
        let (name, params) = decode_call(PY_TYPES).unwrap();
        assert_eq!(name, "f");
        assert_eq!(
            params,
            vec![
                Json::Null,
                json!({"$base64": "aGk="}),
                json!({"$datetime": "20200622T20:40:41"}),
                json!({"a": [1.5, true], "b": 1}),
            ]
        );
    }

    #[test]
    fn decodes_response_and_fault() {
        assert_eq!(
            decode_response(PY_RESPONSE).unwrap(),
            Response::Value(json!(14))
        );
        assert_eq!(
            decode_response(PY_FAULT).unwrap(),
            Response::Fault {
                code: 1,
                message: "boom".into()
            }
        );
    }

    #[test]
    fn untyped_value_is_a_string_and_i8_and_i4_read() {
        let r =
            "<methodResponse><params><param><value>hi</value></param></params></methodResponse>";
        assert_eq!(decode_response(r).unwrap(), Response::Value(json!("hi")));
        let r = "<methodResponse><params><param><value><array><data><value><i4>-3</i4></value><value><i8>9000000000</i8></value></data></array></value></param></params></methodResponse>";
        assert_eq!(
            decode_response(r).unwrap(),
            Response::Value(json!([-3, 9000000000i64]))
        );
    }

    #[test]
    fn round_trips_every_mapped_type() {
        let params = vec![
            json!(7),
            json!(5_000_000_000i64),
            json!(2.5),
            json!(true),
            json!("a<b&c"),
            Json::Null,
            json!([1, [2]]),
            json!({"x": {"y": "z"}}),
            json!({"$base64": "AAEC"}),
            json!({"$datetime": "20200622T20:40:41"}),
        ];
        let xml = encode_call("m", &params).unwrap();
        assert!(xml.contains("<i8>5000000000</i8>") && xml.contains("<nil></nil>"));
        assert_eq!(decode_call(&xml).unwrap(), ("m".into(), params));
        let resp = encode_response(&json!({"k": [1, "two"]})).unwrap();
        assert_eq!(
            decode_response(&resp).unwrap(),
            Response::Value(json!({"k": [1, "two"]}))
        );
    }

    #[test]
    fn fault_round_trip_and_clamp() {
        let x = encode_fault(-32601, "method \"x\" is not supported");
        assert_eq!(
            decode_response(&x).unwrap(),
            Response::Fault {
                code: -32601,
                message: "method \"x\" is not supported".into()
            }
        );
        let x = encode_fault(1 << 40, "big");
        assert!(
            matches!(decode_response(&x).unwrap(), Response::Fault { code, .. } if code == i32::MAX as i64)
        );
    }

    #[test]
    fn rejects_garbage_and_html() {
        assert!(decode_response("<html><body>502 Bad Gateway</body></html>").is_err());
        assert!(decode_response("garbage").is_err());
        assert!(decode_response("").is_err());
        assert!(decode_call("<methodCall><params/></methodCall>").is_err());
    }

    #[test]
    fn bad_tags_are_errors() {
        assert!(to_xml_value(&json!({"$base64": "!!"})).is_err());
        assert!(to_xml_value(&json!({"$datetime": "yesterday"})).is_err());
        assert!(to_xml_value(&json!({"$base64": 3})).is_err());
        // two keys: an ordinary struct
        assert!(matches!(
            to_xml_value(&json!({"$base64": "", "x": 1})),
            Ok(Value::Struct(_))
        ));
        assert_eq!(to_json(&Value::Double(f64::NAN)), json!("nan"));
        assert!(matches!(
            to_xml_value(&json!(u64::MAX)),
            Ok(Value::Double(_))
        ));
    }

    /// dxr's reading of a call, bypassing the fast path.
    fn dxr_call(doc: &str) -> Option<(String, Vec<Json>)> {
        let call = MethodCall::from_xml(strip_prolog(doc)).ok()?;
        Some((
            call.name.into_owned(),
            call.params.iter().map(to_json).collect(),
        ))
    }

    const VALUES: &[&str] = &[
        "<value><int>7</int></value>",
        "<value><i4>-2147483648</i4></value>",
        "<value><i4>2147483648</i4></value>",
        "<value><int>007</int></value>",
        "<value><int>+7</int></value>",
        "<value><int> 7 </int></value>",
        "<value><int></int></value>",
        "<value><i8>9007199254740993</i8></value>",
        "<value><boolean>1</boolean></value>",
        "<value><boolean>0</boolean></value>",
        "<value><boolean>true</boolean></value>",
        "<value><string>hello world</string></value>",
        "<value><string></string></value>",
        "<value><string>  padded\n</string></value>",
        "<value><string>caf\u{e9} \u{1f600}</string></value>",
        "<value><string>a &amp; b</string></value>",
        "<value><string><![CDATA[x<y]]></string></value>",
        "<value>bare text</value>",
        "<value></value>",
        "<value>  </value>",
        "<value><double>2.5</double></value>",
        "<value><nil/></value>",
        "<value><string>a</string><!-- c --></value>",
        "<value><array><data><value><int>1</int></value></data></array></value>",
    ];

    #[test]
    fn fast_path_agrees_with_dxr() {
        let mut fast_hits = 0;
        for sep in ["", "\n", " \t\r\n"] {
            for v in VALUES {
                for v2 in [None, Some("<value><int>3</int></value>")] {
                    let params: String = std::iter::once(*v)
                        .chain(v2)
                        .map(|v| format!("<param>{sep}{v}{sep}</param>{sep}"))
                        .collect();
                    let doc = format!(
                        "<?xml version='1.0'?>{sep}<methodCall>{sep}<methodName>m.x</methodName>{sep}<params>{sep}{params}</params>{sep}</methodCall>{sep}"
                    );
                    if let Some(got) = fast::call(strip_prolog(&doc)) {
                        fast_hits += 1;
                        assert_eq!(Some(got), dxr_call(&doc), "{doc}");
                    }
                    let resp = format!(
                        "<?xml version='1.0'?>{sep}<methodResponse>{sep}<params>{sep}<param>{sep}{v}{sep}</param>{sep}</params>{sep}</methodResponse>{sep}"
                    );
                    if let Some(got) = fast::response(strip_prolog(&resp)) {
                        let want = MethodResponse::from_xml(strip_prolog(&resp))
                            .map(|r| to_json(&r.value))
                            .ok();
                        assert_eq!(Some(got), want, "{resp}");
                    }
                }
            }
        }
        assert!(
            fast_hits >= 30,
            "the fast path took only {fast_hits} documents"
        );
        // What it must leave to dxr.
        for doc in [
            "<methodCall><methodName>a&amp;b</methodName></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><double>1</double></value></param></params></methodCall>",
            "<methodCall><methodName>m</methodName></methodCall><extra/>",
            "<methodCall attr='1'><methodName>m</methodName></methodCall>",
        ] {
            assert_eq!(fast::call(doc), None, "{doc}");
        }
        assert_eq!(
            fast::call("<methodCall><methodName>m</methodName></methodCall>"),
            dxr_call("<methodCall><methodName>m</methodName></methodCall>")
        );
        assert_eq!(
            decode_call(PY_CALL).unwrap(),
            ("double".to_string(), vec![json!(7)])
        );
    }

    #[test]
    fn fast_encoding_is_byte_for_byte_dxrs() {
        for v in [
            json!(14),
            json!(-1),
            json!(2147483648i64),
            json!(true),
            json!(false),
            json!("x y"),
            json!(""),
            json!("caf\u{e9}"),
        ] {
            let fast = fast::encode_response(&v).unwrap_or_else(|| panic!("{v}"));
            let body = MethodResponse {
                value: to_xml_value(&v).unwrap(),
            }
            .to_xml()
            .unwrap();
            assert_eq!(fast, format!("<?xml version=\"1.0\"?>\n{body}\n"), "{v}");
        }
        for v in [
            json!(2.5),
            json!(null),
            json!([1]),
            json!({"a": 1}),
            json!("a<b"),
            json!("a&b"),
        ] {
            assert_eq!(fast::encode_response(&v), None, "{v}");
        }
    }
}
