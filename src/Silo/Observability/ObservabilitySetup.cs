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
/// <para>
/// Without a collector no span is recorded at all: a span per request and per grain call cost a fifth
/// of the silo's CPU at intake in the bench, for traces nobody could read.
/// </para>
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
        if (Traced(configuration))
        {
            otel.WithTracing(tracing => tracing.AddSource(OrleansSources).AddAspNetCoreInstrumentation().AddOtlpExporter());
        }

        return services;
    }

    /// <summary>The dashboard collects its statistics; with a collector, grain calls carry the trace of the request that made them.</summary>
    public static ISiloBuilder UseHotlineObservability(this ISiloBuilder silo, IConfiguration configuration) =>
        (Traced(configuration) ? silo.AddActivityPropagation() : silo).AddDashboard();

    private static bool Traced(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static IEndpointRouteBuilder MapHotlineObservability(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusScrapingEndpoint("/metrics");
        routes.MapOrleansDashboard(routePrefix: DashboardPath).RequireAuthorization(Policies.Administration);
        return routes;
    }
}
