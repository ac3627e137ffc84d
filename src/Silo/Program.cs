using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Departments;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Measures;
using HotlineDispatch.Silo.Tickets;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddHotlineLogDefaults();
var options = builder.Configuration.GetSection(HotlineOptions.Section).Get<HotlineOptions>() ?? new HotlineOptions();
var storage = HotlineStorage.From(options, builder.Configuration);
using var startupLogs = LoggerFactory.Create(logging => logging.AddConsole());

// Registered before Orleans, so the schema exists when the providers read their queries.
builder.Services.AddHostedService<SchemaInstaller>();
builder.Services.AddHotlineDomain(builder.Configuration, storage);
builder.Services.AddHotlineAuth(builder.Configuration, options.DataDir, startupLogs.CreateLogger("HotlineDispatch.Auth"));
builder.Services.AddHotlineApi();
builder.Services.AddHotlineRateLimiting(builder.Configuration);
builder.UseOrleans(silo => silo.UseHotlineClustering(options, storage).UseHotlineStorage(storage));

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
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapHealthApi();
app.MapTicketsApi();
app.MapDepartmentsApi();
app.MapStatsApi();
app.MapUsersApi();

app.Run();

/// <summary>The entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
