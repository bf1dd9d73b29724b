#![doc = include_str!("../README.md")]

mod auth;
mod config;
mod graphql;
mod http;
mod sparql;
mod state;

pub use auth::{hash_secret, AuthError, Tokens, TokensFileError};
pub use config::Limits;
pub use graphql::{sdl, subgraph_sdl};
pub use http::{router, serve};
pub use state::AppState;
