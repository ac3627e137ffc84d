using HotlineDispatch.Observability;
using HotlineDispatch.Silo.Auth;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;

namespace HotlineDispatch.Silo.Observability;

/// <summary>
/// OpenTelemetry for the silo: Orleans' meters and ours (intake by channel, cards, deadline lateness)
/// and ASP.NET Core's, scraped in Prometheus text at <c>/metrics</c>; traces of requests and grain calls,
/// sent over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector. The Orleans Dashboard at
/// <c>/dashboard</c>, for admins only.
/// </summary>
public static class ObservabilitySetup
{
    public const string DashboardPath = "/dashboard";
    private const string OrleansMeter = "Microsoft.Orleans";
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static IServiceCollection AddHotlineObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("hotline-dispatch"))
            .WithMetrics(metrics => metrics
                .AddMeter(HotlineMetrics.MeterName, OrleansMeter)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());
        otel.WithTracing(tracing =>
        {
            tracing.AddSource(OrleansSources).AddAspNetCoreInstrumentation();
            if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            {
                tracing.AddOtlpExporter();
            }
        });
        return services;
    }

    /// <summary>Grain calls carry the trace of the request that made them, and the dashboard collects its statistics.</summary>
    public static ISiloBuilder UseHotlineObservability(this ISiloBuilder silo) => silo.AddActivityPropagation().AddDashboard();

    public static IEndpointRouteBuilder MapHotlineObservability(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusScrapingEndpoint("/metrics");
        routes.MapOrleansDashboard(routePrefix: DashboardPath).RequireAuthorization(Policies.Administration);
        return routes;
    }
}
