using HotlineDispatch.Alerts;
using HotlineDispatch.Channels.TextAnalytics;
using HotlineDispatch.Incidents;
using HotlineDispatch.Routing;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;

using HotlineDispatch.Silo.Alerts;
using HotlineDispatch.Silo.Incidents;

namespace HotlineDispatch.Silo.Routing;

public static class RoutingServices
{
    /// <summary>
    /// The router, the analyzer and what intake adds with them. Registered after the domain: it wraps
    /// the domain's ticket projection, and its analyzer replaces any stand-in registered before.
    /// </summary>
    public static IServiceCollection AddHotlineRouting(this IServiceCollection services, IConfiguration configuration, string dataDir)
    {
        var options = configuration.GetSection("Hotline:Routing").Get<RoutingOptions>() ?? new RoutingOptions();
        // Under the data directory unless set: silos that share one (the tests' many short-lived silos) train once.
        if (string.IsNullOrWhiteSpace(configuration["Hotline:Routing:ModelDirectory"]))
        {
            options.ModelDirectory = Path.Combine(dataDir, "routing");
        }
        services.AddSingleton(options);
        services.AddSingleton(_ => LabelledSamples.LoadEmbedded());
        services.AddSingleton<RouterHost>();
        services.AddSingleton<RoutingAdvisor>();
        services.AddSingleton<IMessageAnalyzer, MessageAnalyzer>();
        services.AddSingleton<IAlertBoard, SqlAlertBoard>();
        services.AddSingleton<IIncidentBoard, SqlIncidentBoard>();
        services.AddSingleton<ITicketProjectionPart, RoutingCorrectionsProjection>();
        services.AddSingleton<ITicketProjectionPart, UrgentAlertProjection>();
        services.AddSingleton<IIntakeRouting, IntakeRouting>();
        services.AddSingleton<ITicketProjectionFollowUp, DuplicateCandidatesFollowUp>();
        services.AddHotlineTextAnalytics(configuration);
        services.AddHostedService<RouterSync>();
        services.AddAuthorization(RoutingPolicies.Add);
        return services;
    }
}
