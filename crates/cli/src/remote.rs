//! A running uda server, as the command line talks to it: GraphQL requests to
//! `/graphql` and SPARQL queries to `/sparql`, with the bearer token, and the
//! server's answers sorted into results, refusals (exit 1) and failures (exit 3).

use crate::{runtime, usage, Failure};
use serde_json::Value;

/// Error codes that say the server could not do the work, not that the input was wrong.
const SERVER_FAILURES: [&str; 7] = [
    "INTERNAL_SERVER_ERROR",
    "BUSY",
    "TIMEOUT",
    "UNVERIFIABLE",
    "BAD_REQUEST",
    "METHOD_NOT_ALLOWED",
    "UNSUPPORTED_MEDIA_TYPE",
];

/// A uda server.
pub struct Remote {
    base: String,
    token: Option<String>,
    agent: ureq::Agent,
}

/// A server's answer to an HTTP request, read to the end.
pub struct Response {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// The `errors` of a GraphQL response.
struct GraphqlErrors {
    status: u16,
    messages: Vec<String>,
    /// Each error's `extensions.code`; `None` for an error without one.
    codes: Vec<Option<String>>,
    /// Whether the request carried no token (to suggest one when refused).
    without_token: bool,
}

impl GraphqlErrors {
    /// The server refused the request on its merits (exit 1), rather than failing to run it
    /// (exit 3): every error carries a code, and none is a server failure.
    fn is_refusal(&self) -> bool {
        self.status < 500
            && self
                .codes
                .iter()
                .all(|c| c.as_deref().is_some_and(|c| !SERVER_FAILURES.contains(&c)))
    }

    /// Whether any error has this code.
    fn has_code(&self, code: &str) -> bool {
        self.codes.iter().any(|c| c.as_deref() == Some(code))
    }

    /// The messages, one per line, with a hint when a token was needed and none was given.
    fn message(&self) -> String {
        let mut message = self.messages.join("\n");
        if self.without_token && (self.has_code("UNAUTHORIZED") || self.has_code("FORBIDDEN")) {
            message.push_str(" (give a token with --token or $UDA_TOKEN)");
        }
        message
    }

    /// The errors as a command's end: a refusal (exit 1) or a server failure (exit 3).
    fn into_failure(self) -> Failure {
        if self.is_refusal() {
            Failure::Refused(self.message())
        } else {
            runtime(format!("the server failed: {}", self.message()))
        }
    }
}

impl Remote {
    /// A server at `url` (`http://` or `https://`); `token`, or `$UDA_TOKEN`, authorizes.
    pub fn new(url: &str, token: Option<String>) -> Result<Remote, Failure> {
        let parsed = url::Url::parse(url).map_err(|e| {
            usage(format!(
                "`{url}` is not a server URL ({e}); write e.g. http://127.0.0.1:8080"
            ))
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(usage(format!("`{url}` is not an http:// or https:// URL")));
        }
        Ok(Remote {
            base: url.trim_end_matches('/').to_owned(),
            token: token.or_else(|| crate::place::env("UDA_TOKEN")),
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .new_agent(),
        })
    }

    /// The URL of `path` on the server.
    pub fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Whether the requests carry a token.
    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }

    /// POSTs `body` to `path` and reads the whole answer.
    pub fn post(
        &self,
        path: &str,
        content_type: &str,
        accept: &str,
        body: &[u8],
    ) -> Result<Response, Failure> {
        let endpoint = self.endpoint(path);
        let mut request = self
            .agent
            .post(&endpoint)
            .header("content-type", content_type)
            .header("accept", accept);
        if let Some(token) = &self.token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let mut response = request
            .send(body)
            .map_err(|e| runtime(format!("cannot reach the server at {endpoint}: {e}")))?;
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let body = response
            .body_mut()
            .with_config()
            .limit(u64::MAX)
            .read_to_vec()
            .map_err(|e| runtime(format!("cannot read the answer of {endpoint}: {e}")))?;
        Ok(Response {
            status: response.status().as_u16(),
            content_type,
            body,
        })
    }

    /// Runs a GraphQL operation: its `data`, or why not (its errors as a [`Failure`]).
    pub fn run(&self, query: &str, variables: Value) -> Result<Value, Failure> {
        self.graphql(query, variables)?
            .map_err(GraphqlErrors::into_failure)
    }

    /// Runs a GraphQL operation: its `data`, or its `errors`.
    fn graphql(
        &self,
        query: &str,
        variables: Value,
    ) -> Result<Result<Value, GraphqlErrors>, Failure> {
        let request = serde_json::json!({ "query": query, "variables": variables });
        let response = self.post(
            "/graphql",
            "application/json",
            "application/json",
            request.to_string().as_bytes(),
        )?;
        let status = response.status;
        let Ok(mut json) = serde_json::from_slice::<Value>(&response.body) else {
            // A body over the server's size limit is refused before GraphQL sees it.
            if status == 413 {
                return Ok(Err(GraphqlErrors {
                    status,
                    messages: vec![format!(
                        "{} refuses a request this large (HTTP 413)",
                        self.endpoint("/graphql")
                    )],
                    codes: vec![Some("PAYLOAD_TOO_LARGE".to_owned())],
                    without_token: self.token.is_none(),
                }));
            }
            return Err(runtime(format!(
                "{} answered {status} with something other than a GraphQL response (is it a \
                 uda server?): {}",
                self.endpoint("/graphql"),
                String::from_utf8_lossy(&response.body)
                    .chars()
                    .take(300)
                    .collect::<String>()
            )));
        };
        match json["errors"].as_array().filter(|e| !e.is_empty()) {
            Some(errors) => Ok(Err(GraphqlErrors {
                status,
                messages: errors
                    .iter()
                    .map(|e| e["message"].as_str().unwrap_or("(no message)").to_owned())
                    .collect(),
                codes: errors
                    .iter()
                    .map(|e| e["extensions"]["code"].as_str().map(str::to_owned))
                    .collect(),
                without_token: self.token.is_none(),
            })),
            None => Ok(Ok(json["data"].take())),
        }
    }
}

/// The field `name` of a GraphQL answer, or a runtime failure naming what is missing.
pub fn field<'v>(value: &'v Value, name: &str) -> Result<&'v Value, Failure> {
    match value.get(name) {
        Some(v) => Ok(v),
        None => Err(runtime(format!(
            "the server's answer has no `{name}`: {}",
            value.to_string().chars().take(300).collect::<String>()
        ))),
    }
}
