using HotlineDispatch.Silo.Alerts;
using HotlineDispatch.Silo.Assessment;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Console;
using HotlineDispatch.Silo.Departments;
using HotlineDispatch.Silo.Disputes;
using HotlineDispatch.Silo.Exports;
using HotlineDispatch.Silo.Grid;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Incidents;
using HotlineDispatch.Silo.Knowledge;
using HotlineDispatch.Silo.Measures;
using HotlineDispatch.Silo.Observability;
using HotlineDispatch.Silo.Open311;
using HotlineDispatch.Silo.Notifications;
using HotlineDispatch.Silo.Outbox;
using HotlineDispatch.Silo.Privacy;
using HotlineDispatch.Silo.Platform;
using HotlineDispatch.Silo.Routing;
using HotlineDispatch.Silo.Storage;
using HotlineDispatch.Silo.Tickets;
using HotlineDispatch.Silo.Twilio;
using HotlineDispatch.Silo.Voice;
using HotlineDispatch.Silo.WeChat;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddHotlineLogDefaults();
var options = builder.Configuration.GetSection(HotlineOptions.Section).Get<HotlineOptions>() ?? new HotlineOptions();
if (BackupCommand.IsRequested(args))
{
    Environment.ExitCode = await BackupCommand.RunAsync(args, options, Console.Out, Console.Error);
    return;
}

var storage = HotlineStorage.From(options, builder.Configuration);
using var startupLogs = LoggerFactory.Create(logging => logging.AddConsole());

// First of all: a second silo on the same files stops here, before it touches them.
if (!storage.IsPostgres)
{
    builder.Services.AddSingleton(_ => DataDirLock.Acquire(options.DataDir));
    builder.Services.AddHostedService(sp => sp.GetRequiredService<DataDirLock>());
}

// Registered before Orleans, so the schema exists when the providers read their queries.
builder.Services.AddHostedService<SchemaInstaller>();
builder.Services.AddHotlineDomain(builder.Configuration, storage);
builder.Services.AddHotlineAuth(builder.Configuration, options.DataDir, startupLogs.CreateLogger("HotlineDispatch.Auth"));
builder.Services.AddHotlineApi();
builder.Services.AddHotlineOpenApi();
builder.Services.AddHotlineRateLimiting(builder.Configuration);
builder.Services.AddWeChatChannel(builder.Configuration);
builder.Services.AddGroupBridge(builder.Configuration);
builder.Services.AddGridApi();
builder.Services.AddGridRegistry();
builder.Services.AddHotlineOutbox(builder.Configuration);
builder.Services.AddTwilioChannels(builder.Configuration);
builder.Services.AddHotlineRouting(builder.Configuration, options.DataDir);
builder.Services.AddHotlineAssessment(builder.Configuration);
builder.Services.AddHotlineDisputes();
builder.Services.AddHotlinePlatform(builder.Configuration);
builder.Services.AddHotlineNotifications(builder.Configuration);
builder.Services.AddHotlineKnowledge();
builder.Services.AddHotlineExports();
builder.Services.AddHotlineOpen311(builder.Configuration);
builder.Services.AddHotlineObservability(builder.Configuration);
builder.Services.AddHotlineConsole(options.DataDir);
builder.Services.AddHotlinePrivacy(builder.Configuration);
// The host starts hosted services in the order they were added, so everything registered above, the schema first and
// then the start-up backfills (the assessment's tally), is done before the silo starts and the projection writes.
builder.UseOrleans(silo => silo.UseHotlineClustering(options, storage).UseHotlineStorage(storage).UseHotlineObservability(builder.Configuration));

var app = builder.Build();
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = exception => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        // A silo died and the cluster has not yet moved its grains: nothing was done, and a retry will succeed.
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    },
});
app.UseStatusCodePages();
app.UseRequestBodyLimits();
app.UseAuthentication();
app.UseConsoleCsrfCheck();
app.UseAuthorization();
app.UseRateLimiter();

app.MapHealthApi();
app.MapHotlineOpenApi();
app.MapTicketsApi();
app.MapDisputesApi();
app.MapPlatformApi();
app.MapDepartmentsApi();
app.MapStatsApi();
app.MapOverdueByCellApi();
app.MapUsersApi();
app.MapWeChatChannel();
app.MapGroupBridge();
app.MapGroupsApi();
app.MapGridRegistryApi();
app.MapGridApi();
app.MapOutboxApi();
app.MapCallDraftsApi();
app.MapMissedCallsApi();
app.MapTwilioChannels();
app.MapAnalyzeApi();
app.MapRoutingApi();
app.MapAlertsApi();
app.MapIncidentsApi();
app.MapAssessmentApi();
app.MapKnowledgeApi();
app.MapExportsApi();
app.MapOpen311Api();
app.MapHotlineObservability();
app.MapAuditApi();
app.MapPrivacyApi();
app.MapAdminApi();
app.MapConsole();

app.Run();

/// <summary>The entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
