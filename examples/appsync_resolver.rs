//! An AppSync direct Lambda resolver for a small blog schema: `Query.getPost`
//! and `Mutation.createPost` decode their arguments into the user's types,
//! `Post.author` reads its parent from `source`; a mutation needs a Cognito
//! user in the `editors` group. An unknown field, or arguments that are not
//! the field's, fail the invocation (AppSync reports the error on the field).
use lambda_event_catalog::appsync::{AppSyncIdentityKind, AppSyncResolverEvent};
use lambda_event_catalog::runtime::{run, service_fn, tracing, Error, LambdaEvent};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
struct GetPost {
    id: String,
}

#[derive(Deserialize)]
struct PostInput {
    title: String,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize)]
struct CreatePost {
    input: PostInput,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostSource {
    author_id: String,
}

async fn handler(event: LambdaEvent<AppSyncResolverEvent>) -> Result<Value, Error> {
    let event = event.payload;
    let field = (event.info.parent_type_name.as_str(), event.info.field_name.as_str());
    tracing::info!(parent = field.0, field = field.1, identity = ?event.identity_kind(), "resolving");
    match field {
        ("Query", "getPost") => {
            let arguments: GetPost = event.arguments_as()?;
            Ok(json!({ "id": arguments.id, "title": "Hello", "authorId": "u-4821" }))
        }
        ("Mutation", "createPost") => {
            let identity = event.identity.as_ref().filter(|identity| identity.kind() == AppSyncIdentityKind::CognitoUserPools);
            let Some(identity) = identity.filter(|identity| identity.in_group("editors")) else {
                return Err("Unauthorized: createPost needs a Cognito user of the editors group".into());
            };
            let arguments: CreatePost = event.arguments_as()?;
            Ok(json!({
                "id": "p-new",
                "title": arguments.input.title,
                "tags": arguments.input.tags,
                "authorId": identity.sub.as_deref().unwrap_or_default(),
            }))
        }
        ("Post", "author") => {
            let post: PostSource = event.source_as()?;
            Ok(json!({ "id": post.author_id, "name": "Jane Doe" }))
        }
        (parent, field) => Err(format!("no resolver for {parent}.{field}").into()),
    }
}

#[lambda_event_catalog::runtime::tokio::main(crate = "lambda_event_catalog::runtime::tokio")]
async fn main() -> Result<(), Error> {
    tracing::init_default_subscriber();
    run(service_fn(handler)).await
}
