//! The functions `rpc-serve` runs — and only these: the seed's `double(num)`
//! ("return num + num") and `power(num)` ("return num * num"), plus the
//! introspection trio Python's server adds with `register_introspection_functions()`.
//! Values are JSON (the codecs map each protocol to it). Wrong arity or types
//! give a fault with the JSON-RPC codes, never a panic.

use serde_json::{json, Value as Json};

use crate::proto::jsonrpc::{INVALID_PARAMS, METHOD_NOT_FOUND};

/// A fault: code and message.
pub type Fault = (i64, String);

/// Name, help text, signatures (return type first, as XML-RPC introspection has it).
const METHODS: &[(&str, &str, &[&[&str]])] = &[
    ("double", "return num + num", &[&["int", "int"], &["double", "double"]]),
    ("power", "return num * num", &[&["int", "int"], &["double", "double"]]),
    (
        "system.listMethods",
        "system.listMethods() => ['add', 'subtract', 'multiple']\n\nReturns a list of the methods supported by the server.",
        &[&["array"]],
    ),
    (
        "system.methodHelp",
        "system.methodHelp('add') => \"Adds two integers together\"\n\nReturns a string containing documentation for the specified method.",
        &[&["string", "string"]],
    ),
    (
        "system.methodSignature",
        "system.methodSignature('add') => [double, int, int]\n\nReturns a list describing the signature of the method.",
        &[&["array", "string"]],
    ),
];

/// Run `method` with `params`.
pub fn dispatch(method: &str, params: &[Json]) -> Result<Json, Fault> {
    match method {
        "double" => arith("double", params, |n| n.checked_add(n), |f| f + f),
        "power" => arith("power", params, |n| n.checked_mul(n), |f| f * f),
        "system.listMethods" => {
            arity(method, params, 0)?;
            Ok(json!(METHODS.iter().map(|m| m.0).collect::<Vec<_>>()))
        }
        "system.methodHelp" => {
            let (_, help, _) = lookup(method, params)?;
            Ok(json!(help))
        }
        "system.methodSignature" => {
            let (_, _, sigs) = lookup(method, params)?;
            Ok(json!(sigs))
        }
        other => Err((
            METHOD_NOT_FOUND,
            format!("method \"{other}\" is not supported"),
        )),
    }
}

fn arity(method: &str, params: &[Json], want: usize) -> Result<(), Fault> {
    if params.len() == want {
        return Ok(());
    }
    let s = if want == 1 { "" } else { "s" };
    Err((
        INVALID_PARAMS,
        format!(
            "{method}() takes {want} argument{s} ({} given)",
            params.len()
        ),
    ))
}

fn lookup(
    method: &str,
    params: &[Json],
) -> Result<
    (
        &'static str,
        &'static str,
        &'static [&'static [&'static str]],
    ),
    Fault,
> {
    arity(method, params, 1)?;
    let name = params[0].as_str().ok_or_else(|| {
        (
            INVALID_PARAMS,
            format!(
                "{method}(name): name must be a string, got {}",
                type_name(&params[0])
            ),
        )
    })?;
    METHODS
        .iter()
        .find(|m| m.0 == name)
        .copied()
        .ok_or_else(|| {
            (
                METHOD_NOT_FOUND,
                format!("method \"{name}\" is not supported"),
            )
        })
}

/// `double`/`power` on an integer (checked) or a float. JSON-RPC named
/// parameters `{"num": 7}` are accepted too.
fn arith(
    name: &str,
    params: &[Json],
    int: fn(i64) -> Option<i64>,
    float: fn(f64) -> f64,
) -> Result<Json, Fault> {
    arity(name, params, 1)?;
    let num = match &params[0] {
        Json::Object(m) if m.len() == 1 && m.contains_key("num") => &m["num"],
        other => other,
    };
    let Json::Number(n) = num else {
        return Err((
            INVALID_PARAMS,
            format!("{name}(num): num must be a number, got {}", type_name(num)),
        ));
    };
    if let Some(i) = n.as_i64() {
        return int(i).map(Json::from).ok_or_else(|| {
            (
                INVALID_PARAMS,
                format!("{name}({i}): the result does not fit in 64 bits"),
            )
        });
    }
    let f = n.as_f64().unwrap_or(f64::NAN);
    let r = float(f);
    serde_json::Number::from_f64(r)
        .map(Json::Number)
        .ok_or_else(|| {
            (
                INVALID_PARAMS,
                format!("{name}({f}): the result is not a finite number"),
            )
        })
}

fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "nil",
        Json::Bool(_) => "boolean",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "struct",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_answers() {
        assert_eq!(dispatch("double", &[json!(7)]), Ok(json!(14)));
        assert_eq!(dispatch("power", &[json!(7)]), Ok(json!(49)));
        assert_eq!(dispatch("double", &[json!(1.25)]), Ok(json!(2.5)));
        assert_eq!(dispatch("power", &[json!({"num": 3})]), Ok(json!(9)));
        assert_eq!(
            dispatch("system.methodHelp", &[json!("double")]),
            Ok(json!("return num + num"))
        );
        let list = dispatch("system.listMethods", &[]).unwrap();
        assert_eq!(list[0], "double");
        assert_eq!(list[1], "power");
        assert_eq!(
            dispatch("system.methodSignature", &[json!("power")]).unwrap()[0],
            json!(["int", "int"])
        );
    }

    #[test]
    fn faults_not_panics() {
        assert_eq!(dispatch("double", &[]).unwrap_err().0, INVALID_PARAMS);
        assert_eq!(
            dispatch("double", &[json!(1), json!(2)]).unwrap_err().0,
            INVALID_PARAMS
        );
        assert_eq!(
            dispatch("double", &[json!("7")]).unwrap_err().0,
            INVALID_PARAMS
        );
        assert_eq!(
            dispatch("power", &[json!(i64::MAX)]).unwrap_err().0,
            INVALID_PARAMS
        );
        assert_eq!(
            dispatch("power", &[json!(1e300)]).unwrap_err().0,
            INVALID_PARAMS
        );
        assert_eq!(
            dispatch("rm", &[json!("-rf")]).unwrap_err().0,
            METHOD_NOT_FOUND
        );
        assert_eq!(
            dispatch("system.methodHelp", &[json!("nope")])
                .unwrap_err()
                .0,
            METHOD_NOT_FOUND
        );
        assert_eq!(
            dispatch("system.methodHelp", &[json!(3)]).unwrap_err().0,
            INVALID_PARAMS
        );
    }
}
