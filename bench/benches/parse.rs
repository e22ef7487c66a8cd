//! Parse and write speed of lambda-event-catalog beside aws_lambda_events.
//!
//! For every shape that both crates model, over the same fixture bytes
//! (`fixtures/<source>/<name>/*.json` of this repository, read at run time):
//!
//! - `deserialize/<shape>/ours`: `serde_json::from_slice` into our type;
//! - `deserialize/<shape>/aws_default` or `aws_catch_all`: the same into the
//!   aws_lambda_events type (which of the two depends on the bench crate's
//!   `catch-all` feature: two builds of this file);
//! - `deserialize/<shape>/ignored_any`: `serde_json::from_slice` into
//!   `serde::de::IgnoredAny`, the floor of any typed parse;
//! - `serialize/<shape>/ours` and `serialize/<shape>/aws_*`: `serde_json::to_writer`
//!   of the values parsed from those bytes, into a reused buffer.
//!
//! One iteration handles every selected fixture of the shape once; the
//! throughput is the fixtures' byte count (for serialization too, so that
//! MB/s compare across crates whatever each one writes back).
//!
//! A fixture is selected when aws_lambda_events parses it at all (and writes
//! it back); the others are listed, with aws_lambda_events' error, in
//! `target/bench-selection/<variant>.tsv`, which `report.py` reads.
//!
//! `BENCH_COUNT=<kind>/<shape>/<impl>/<iterations>` runs one of those loops
//! that many times without criterion, for `count.sh` to count its
//! instructions under callgrind: counts do not depend on what else the
//! machine runs, which the timings do.
//!
//! The clock is the benchmark thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`),
//! not wall time: the machines this runs on share their two cores with other
//! work, and time spent descheduled is not time spent parsing. `BENCH_CLOCK=wall`
//! switches to criterion's usual wall clock.
#![forbid(unsafe_code)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BenchmarkId, Criterion, Throughput};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;

use aws_lambda_events::event as aws;
use lambda_event_catalog as ours;

#[cfg(not(feature = "catch-all"))]
const AWS_VARIANT: &str = "aws_default";
#[cfg(feature = "catch-all")]
const AWS_VARIANT: &str = "aws_catch_all";

/// Ours and the floor are measured in the default build only; the catch-all
/// build measures aws_lambda_events alone.
const MEASURE_OURS: bool = cfg!(not(feature = "catch-all"));

/// Shape id → (our type, aws_lambda_events type). Shapes missing here are
/// not modelled by aws_lambda_events (`report.py` lists them).
macro_rules! shapes {
    ($( $id:literal => $ours:ty, $aws:ty; )*) => {
        fn all_shapes<M: Measurement>(c: &mut Criterion<M>, log: &mut String) {
            $( shape::<M, $ours, $aws>(c, $id, stringify!($aws), log); )*
        }

        /// Runs one counted loop; `false` for a shape not in the table.
        fn count_shape(run: &CountRun) -> bool {
            $( if run.shape == $id { count::<$ours, $aws>(run); return true; } )*
            false
        }

        const SHAPE_IDS: &[&str] = &[$($id),*];
    };
}

shapes! {
    "apigw.rest_request_v1" => ours::apigw::ApiGatewayProxyRequest, aws::apigw::ApiGatewayProxyRequest;
    "apigw.proxy_response_v1" => ours::apigw::ApiGatewayProxyResponse, aws::apigw::ApiGatewayProxyResponse;
    "apigw.http_request_v2" => ours::apigw::ApiGatewayV2HttpRequest, aws::apigw::ApiGatewayV2httpRequest;
    "apigw.http_response_v2" => ours::apigw::ApiGatewayV2HttpResponse, aws::apigw::ApiGatewayV2httpResponse;
    "apigw.websocket_request" => ours::apigw::ApiGatewayWebsocketRequest, aws::apigw::ApiGatewayWebsocketProxyRequest;
    "apigw.websocket_response" => ours::apigw::ApiGatewayWebsocketResponse, aws::apigw::ApiGatewayProxyResponse;
    "apigw.token_authorizer_request" => ours::apigw::ApiGatewayTokenAuthorizerRequest, aws::apigw::ApiGatewayCustomAuthorizerRequest;
    "apigw.request_authorizer_request" => ours::apigw::ApiGatewayRequestAuthorizerRequest, aws::apigw::ApiGatewayCustomAuthorizerRequestTypeRequest;
    "apigw.http_authorizer_request_v1" => ours::apigw::ApiGatewayHttpAuthorizerRequestV1, aws::apigw::ApiGatewayV2CustomAuthorizerV1Request;
    "apigw.http_authorizer_request_v2" => ours::apigw::ApiGatewayHttpAuthorizerRequestV2, aws::apigw::ApiGatewayV2CustomAuthorizerV2Request;
    "apigw.iam_policy_response" => ours::apigw::ApiGatewayIamPolicyResponse, aws::apigw::ApiGatewayCustomAuthorizerResponse;
    "apigw.simple_authorizer_response" => ours::apigw::ApiGatewaySimpleAuthorizerResponse, aws::apigw::ApiGatewayV2CustomAuthorizerSimpleResponse;
    "s3.event" => ours::s3::S3Event, aws::s3::S3Event;
    "s3.batch_job_v1" => ours::s3::S3BatchJobEventV1, aws::s3::batch_job::S3BatchJobEvent;
    "s3.batch_job_v2" => ours::s3::S3BatchJobEventV2, aws::s3::batch_job::S3BatchJobEvent;
    "s3.batch_job_response" => ours::s3::S3BatchJobResponse, aws::s3::batch_job::S3BatchJobResponse;
    "s3.object_lambda_event" => ours::s3::S3ObjectLambdaEvent, aws::s3::object_lambda::S3ObjectLambdaEvent;
    "sqs.event" => ours::sqs::SqsEvent, aws::sqs::SqsEvent;
    "sqs.batch_response" => ours::sqs::SqsBatchResponse, aws::sqs::SqsBatchResponse;
    "sns.event" => ours::sns::SnsEvent, aws::sns::SnsEvent;
    "sns.message" => ours::sns::SnsMessage, aws::sns::SnsMessage;
    "dynamodb.event" => ours::dynamodb::DynamoDbEvent, aws::dynamodb::Event;
    "dynamodb.time_window_event" => ours::dynamodb::DynamoDbTimeWindowEvent, aws::dynamodb::TimeWindowEvent;
    "dynamodb.time_window_response" => ours::dynamodb::DynamoDbTimeWindowResponse, aws::dynamodb::TimeWindowEventResponse;
    "dynamodb.batch_response" => ours::dynamodb::DynamoDbBatchResponse, aws::streams::DynamoDbEventResponse;
    "kinesis.event" => ours::kinesis::KinesisEvent, aws::kinesis::KinesisEvent;
    "kinesis.time_window_event" => ours::kinesis::KinesisTimeWindowEvent, aws::kinesis::KinesisTimeWindowEvent;
    "kinesis.time_window_response" => ours::kinesis::KinesisTimeWindowResponse, aws::kinesis::KinesisTimeWindowEventResponse;
    "kinesis.batch_response" => ours::kinesis::KinesisBatchResponse, aws::streams::KinesisEventResponse;
    "firehose.event" => ours::firehose::FirehoseEvent, aws::firehose::KinesisFirehoseEvent;
    "firehose.response" => ours::firehose::FirehoseResponse, aws::firehose::KinesisFirehoseResponse;
    "kinesis_analytics.output_delivery_event" => ours::kinesis_analytics::KinesisAnalyticsOutputDeliveryEvent, aws::kinesis::analytics::KinesisAnalyticsOutputDeliveryEvent;
    "kinesis_analytics.output_delivery_response" => ours::kinesis_analytics::KinesisAnalyticsOutputDeliveryResponse, aws::kinesis::analytics::KinesisAnalyticsOutputDeliveryResponse;
    "cognito.pre_signup" => ours::cognito::CognitoPreSignUp, aws::cognito::CognitoEventUserPoolsPreSignup;
    "cognito.post_confirmation" => ours::cognito::CognitoPostConfirmation, aws::cognito::CognitoEventUserPoolsPostConfirmation;
    "cognito.pre_authentication" => ours::cognito::CognitoPreAuthentication, aws::cognito::CognitoEventUserPoolsPreAuthentication;
    "cognito.post_authentication" => ours::cognito::CognitoPostAuthentication, aws::cognito::CognitoEventUserPoolsPostAuthentication;
    "cognito.pre_token_generation_v1" => ours::cognito::CognitoPreTokenGenerationV1, aws::cognito::CognitoEventUserPoolsPreTokenGen;
    "cognito.pre_token_generation_v2" => ours::cognito::CognitoPreTokenGenerationV2, aws::cognito::CognitoEventUserPoolsPreTokenGenV2;
    "cognito.pre_token_generation_v3" => ours::cognito::CognitoPreTokenGenerationV3, aws::cognito::CognitoEventUserPoolsPreTokenGenV2;
    "cognito.custom_message" => ours::cognito::CognitoCustomMessage, aws::cognito::CognitoEventUserPoolsCustomMessage;
    "cognito.define_auth_challenge" => ours::cognito::CognitoDefineAuthChallenge, aws::cognito::CognitoEventUserPoolsDefineAuthChallenge;
    "cognito.create_auth_challenge" => ours::cognito::CognitoCreateAuthChallenge, aws::cognito::CognitoEventUserPoolsCreateAuthChallenge;
    "cognito.verify_auth_challenge" => ours::cognito::CognitoVerifyAuthChallenge, aws::cognito::CognitoEventUserPoolsVerifyAuthChallenge;
    "cognito.user_migration" => ours::cognito::CognitoUserMigration, aws::cognito::CognitoEventUserPoolsMigrateUser;
    "cognito.sync_event" => ours::cognito::CognitoSyncEvent, aws::cognito::CognitoEvent;
    "alb.request" => ours::alb::AlbTargetGroupRequest, aws::alb::AlbTargetGroupRequest;
    "alb.response" => ours::alb::AlbTargetGroupResponse, aws::alb::AlbTargetGroupResponse;
    "lambda_url.request" => ours::lambda_url::LambdaFunctionUrlRequest, aws::lambda_function_urls::LambdaFunctionUrlRequest;
    "lambda_url.response" => ours::lambda_url::LambdaFunctionUrlResponse, aws::lambda_function_urls::LambdaFunctionUrlResponse;
    "vpc_lattice.request_v1" => ours::vpc_lattice::VpcLatticeRequestV1, aws::vpc_lattice::VpcLatticeRequestV1;
    "vpc_lattice.request_v2" => ours::vpc_lattice::VpcLatticeRequestV2, aws::vpc_lattice::VpcLatticeRequestV2;
    "vpc_lattice.response" => ours::vpc_lattice::VpcLatticeResponse, aws::vpc_lattice::VpcLatticeResponse;
    "kafka.event" => ours::kafka::KafkaEvent, aws::kafka::KafkaEvent;
    "mq.activemq_event" => ours::mq::ActiveMqEvent, aws::activemq::ActiveMqEvent;
    "mq.rabbitmq_event" => ours::mq::RabbitMqEvent, aws::rabbitmq::RabbitMqEvent;
    "secretsmanager.rotation_event" => ours::secretsmanager::SecretsManagerRotationEvent, aws::secretsmanager::SecretsManagerSecretRotationEvent;
    "cloudformation.custom_resource_request" => ours::cloudformation::CloudFormationCustomResourceRequest, aws::cloudformation::CloudFormationCustomResourceRequest;
    "cloudformation.custom_resource_response" => ours::cloudformation::CloudFormationCustomResourceResponse, aws::cloudformation::CloudFormationCustomResourceResponse;
    "ses.event" => ours::ses::SesEvent, aws::ses::SimpleEmailEvent;
    "ses.disposition_response" => ours::ses::SesDispositionResponse, aws::ses::SimpleEmailDisposition;
    "config.event" => ours::config::ConfigEvent, aws::config::ConfigEvent;
    "codecommit.event" => ours::codecommit::CodeCommitEvent, aws::code_commit::CodeCommitEvent;
    "codepipeline.job_event" => ours::codepipeline::CodePipelineJobEvent, aws::codepipeline_job::CodePipelineJobEvent;
    "appsync.resolver_event" => ours::appsync::AppSyncResolverEvent, aws::appsync::AppSyncDirectResolverEvent;
    "appsync.identity" => ours::appsync::AppSyncIdentity, aws::appsync::AppSyncIdentity;
    "appsync.lambda_authorizer_request" => ours::appsync::AppSyncLambdaAuthorizerRequest, aws::appsync::AppSyncLambdaAuthorizerRequest;
    "appsync.lambda_authorizer_response" => ours::appsync::AppSyncLambdaAuthorizerResponse, aws::appsync::AppSyncLambdaAuthorizerResponse;
    "lex.event" => ours::lex::LexEvent, aws::lex::LexEvent;
    "lex.response" => ours::lex::LexResponse, aws::lex::LexResponse;
    "iot.button_event" => ours::iot::IotButtonEvent, aws::iot_button::IoTButtonEvent;
    "iot.one_click_event" => ours::iot::IotOneClickEvent, aws::iot_1_click::IoTOneClickEvent;
    "iot.custom_authorizer_request" => ours::iot::IotCustomAuthorizerRequest, aws::iot::IoTCoreCustomAuthorizerRequest;
    "iot.custom_authorizer_response" => ours::iot::IotCustomAuthorizerResponse, aws::iot::IoTCoreCustomAuthorizerResponse;
    "connect.contact_flow_event" => ours::connect::ConnectContactFlowEvent, aws::connect::ConnectEvent;
    "connect.contact_flow_response" => ours::connect::ConnectContactFlowResponse, aws::connect::ConnectResponse;
    "clientvpn.connection_handler_request" => ours::clientvpn::ClientVpnConnectionHandlerRequest, aws::clientvpn::ClientVpnConnectionHandlerRequest;
    "clientvpn.connection_handler_response" => ours::clientvpn::ClientVpnConnectionHandlerResponse, aws::clientvpn::ClientVpnConnectionHandlerResponse;
    "bedrock_agent.action_group_event" => ours::bedrock_agent::BedrockAgentActionGroupEvent, aws::bedrock_agent_runtime::AgentEvent;
    "cloudwatch_logs.event" => ours::cloudwatch_logs::CloudWatchLogsEvent, aws::cloudwatch_logs::LogsEvent;
    "cloudwatch_logs.data" => ours::cloudwatch_logs::CloudWatchLogsData, aws::cloudwatch_logs::LogData;
    "cloudwatch.alarm_event" => ours::cloudwatch::CloudWatchAlarmEvent, aws::cloudwatch_alarms::CloudWatchAlarm;
    "documentdb.event" => ours::documentdb::DocumentDbEvent, aws::documentdb::DocumentDbEvent;
    "eventbridge.event" => ours::eventbridge::EventBridgeEvent, aws::eventbridge::EventBridgeEvent;
    "eventbridge.scheduled_event" => ours::eventbridge::EventBridgeScheduledEvent, aws::eventbridge::EventBridgeEvent;
    "autoscaling.event" => ours::autoscaling::AutoScalingEvent, aws::autoscaling::AutoScalingEvent;
    "codebuild.event" => ours::codebuild::CodeBuildEvent, aws::codebuild::CodeBuildEvent;
    "codedeploy.event" => ours::codedeploy::CodeDeployEvent, aws::codedeploy::CodeDeployEvent;
    "codepipeline.event" => ours::codepipeline::CodePipelineEvent, aws::codepipeline_cloudwatch::CodePipelineCloudWatchEvent;
    "ecr.event" => ours::ecr::EcrEvent, aws::ecr_scan::EcrScanEvent;
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("bench/ is inside the repository").to_owned()
}

/// The fixtures of a shape, by file name, in name order.
fn fixtures(id: &str) -> Vec<(String, Vec<u8>)> {
    let (source, name) = id.split_once('.').expect("a shape id is <source>.<name>");
    let dir = repo_root().join("fixtures").join(source).join(name);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            (path.file_name().unwrap().to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

fn one_line(text: &str) -> String {
    text.replace(['\t', '\n'], " ")
}

/// The fixtures of shape `id` that aws_lambda_events parses and writes back:
/// the ones every implementation is measured on. Each fixture's fate goes to
/// `log` (the `bench-selection` TSV).
fn select<O, A>(id: &str, aws_type: &str, log: &mut String) -> Vec<Vec<u8>>
where
    O: DeserializeOwned,
    A: DeserializeOwned + Serialize,
{
    let mut selected = Vec::new();
    for (name, bytes) in fixtures(id) {
        if let Err(error) = serde_json::from_slice::<O>(&bytes) {
            panic!("{id}/{name}: our type does not parse its own fixture: {error}");
        }
        match serde_json::from_slice::<A>(&bytes).map(|value| serde_json::to_vec(&value)) {
            Ok(Ok(_)) => {
                writeln!(log, "{id}\t{aws_type}\t{name}\t{}\tselected\t", bytes.len()).unwrap();
                selected.push(bytes);
            }
            Ok(Err(error)) => {
                writeln!(log, "{id}\t{aws_type}\t{name}\t{}\tunwritable\t{}", bytes.len(), one_line(&error.to_string())).unwrap();
            }
            Err(error) => {
                writeln!(log, "{id}\t{aws_type}\t{name}\t{}\tunparsable\t{}", bytes.len(), one_line(&error.to_string())).unwrap();
            }
        }
    }
    selected
}

/// One iteration of a deserialize benchmark: every selected fixture, once.
fn read_all<T: DeserializeOwned>(selected: &[Vec<u8>]) {
    for bytes in selected {
        black_box(serde_json::from_slice::<T>(black_box(bytes)).unwrap());
    }
}

/// One iteration of a serialize benchmark: every value, once, into `buffer`.
fn write_all<T: Serialize>(values: &[T], buffer: &mut Vec<u8>) {
    for value in values {
        buffer.clear();
        serde_json::to_writer(&mut *buffer, black_box(value)).unwrap();
        black_box(&buffer);
    }
}

fn parse_all<T: DeserializeOwned>(selected: &[Vec<u8>]) -> Vec<T> {
    selected.iter().map(|bytes| serde_json::from_slice(bytes).unwrap()).collect()
}

fn shape<M, O, A>(c: &mut Criterion<M>, id: &str, aws_type: &str, log: &mut String)
where
    M: Measurement,
    O: DeserializeOwned + Serialize,
    A: DeserializeOwned + Serialize,
{
    let selected = select::<O, A>(id, aws_type, log);
    if selected.is_empty() {
        return;
    }
    let total: u64 = selected.iter().map(|bytes| bytes.len() as u64).sum();

    let mut group = c.benchmark_group("deserialize");
    group.throughput(Throughput::Bytes(total));
    if MEASURE_OURS {
        group.bench_function(BenchmarkId::new(id, "ours"), |b| b.iter(|| read_all::<O>(&selected)));
        group.bench_function(BenchmarkId::new(id, "ignored_any"), |b| b.iter(|| read_all::<IgnoredAny>(&selected)));
    }
    group.bench_function(BenchmarkId::new(id, AWS_VARIANT), |b| b.iter(|| read_all::<A>(&selected)));
    group.finish();

    let mut group = c.benchmark_group("serialize");
    group.throughput(Throughput::Bytes(total));
    let mut buffer = Vec::with_capacity(2 * total as usize);
    if MEASURE_OURS {
        let values = parse_all::<O>(&selected);
        group.bench_function(BenchmarkId::new(id, "ours"), |b| b.iter(|| write_all(&values, &mut buffer)));
    }
    let values = parse_all::<A>(&selected);
    group.bench_function(BenchmarkId::new(id, AWS_VARIANT), |b| b.iter(|| write_all(&values, &mut buffer)));
    group.finish();
}

/// One loop for `count.sh`, from `BENCH_COUNT=<kind>/<shape>/<impl>/<iterations>`.
struct CountRun {
    kind: String,
    shape: String,
    implementation: String,
    iterations: usize,
}

impl CountRun {
    fn parse(spec: &str) -> Option<CountRun> {
        let mut parts = spec.split('/');
        let run = CountRun {
            kind: parts.next()?.to_owned(),
            shape: parts.next()?.to_owned(),
            implementation: parts.next()?.to_owned(),
            iterations: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(run)
    }
}

/// Runs the loop `run` names (what the criterion benchmark of the same name
/// times, `iterations` times) and prints the bytes one iteration reads.
fn count<O, A>(run: &CountRun)
where
    O: DeserializeOwned + Serialize,
    A: DeserializeOwned + Serialize,
{
    let selected = select::<O, A>(&run.shape, "", &mut String::new());
    let total: usize = selected.iter().map(Vec::len).sum();
    let mut buffer = Vec::with_capacity(2 * total);
    let ours = run.implementation == "ours";
    let aws = run.implementation == AWS_VARIANT;
    let iterations = 0..run.iterations;
    match (run.kind.as_str(), run.implementation.as_str()) {
        ("deserialize", _) if ours => iterations.for_each(|_| read_all::<O>(&selected)),
        ("deserialize", "ignored_any") => iterations.for_each(|_| read_all::<IgnoredAny>(&selected)),
        ("deserialize", _) if aws => iterations.for_each(|_| read_all::<A>(&selected)),
        ("serialize", _) if ours => {
            let values = parse_all::<O>(&selected);
            iterations.for_each(|_| write_all(&values, &mut buffer));
        }
        ("serialize", _) if aws => {
            let values = parse_all::<A>(&selected);
            iterations.for_each(|_| write_all(&values, &mut buffer));
        }
        _ => panic!("this build counts deserialize/serialize of ours, ignored_any and {AWS_VARIANT}, not {}/{}", run.kind, run.implementation),
    }
    println!("{total}");
}

/// The CPU time of the calling thread, in nanoseconds.
fn thread_cpu_nanos() -> u64 {
    cpu_time::ThreadTime::now().as_duration().as_nanos() as u64
}

/// Criterion measurement: CPU time of the benchmark thread, in nanoseconds
/// (formatted as criterion formats wall time).
struct ThreadCpuTime;

impl Measurement for ThreadCpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_nanos()
    }
    fn end(&self, start: u64) -> u64 {
        thread_cpu_nanos() - start
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        static WALL: WallTime = WallTime;
        WALL.formatter()
    }
}

fn benches<M: Measurement>(c: &mut Criterion<M>, clock: &str) {
    let mut log = String::from("shape\taws_type\tfixture\tbytes\tstatus\taws_error\n");
    all_shapes(c, &mut log);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-selection");
    std::fs::create_dir_all(&dir).expect("target/bench-selection can be created");
    std::fs::write(dir.join(format!("{AWS_VARIANT}.tsv")), log).expect("the selection can be written");
    std::fs::write(dir.join(format!("{AWS_VARIANT}.clock")), format!("{clock}\n")).expect("the clock can be written");
}

fn main() {
    if let Ok(spec) = std::env::var("BENCH_COUNT") {
        if spec == "list" {
            SHAPE_IDS.iter().for_each(|id| println!("{id}"));
            return;
        }
        let run = CountRun::parse(&spec).unwrap_or_else(|| panic!("BENCH_COUNT={spec}: expected <kind>/<shape>/<impl>/<iterations>"));
        assert!(count_shape(&run), "BENCH_COUNT={spec}: no such shape");
        return;
    }
    if std::env::var("BENCH_CLOCK").is_ok_and(|clock| clock == "wall") {
        let mut c = Criterion::default().configure_from_args();
        benches(&mut c, "wall");
        c.final_summary();
    } else {
        let mut c = Criterion::default().with_measurement(ThreadCpuTime).configure_from_args();
        benches(&mut c, "thread-cpu");
        c.final_summary();
    }
}
