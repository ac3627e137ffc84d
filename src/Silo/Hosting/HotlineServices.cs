using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Disputes;
using HotlineDispatch.Residents;
using HotlineDispatch.Routing;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Deadlines;
using HotlineDispatch.Silo.Measures;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Silo.Storage;
using HotlineDispatch.Silo.Routing;
using HotlineDispatch.Silo.Tickets;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HotlineDispatch.Silo.Hosting;

public static class HotlineServices
{
    /// <summary>The domain's rules and the read model: what grains and endpoints are given.</summary>
    public static IServiceCollection AddHotlineDomain(this IServiceCollection services, IConfiguration configuration, HotlineStorage storage)
    {
        var calendar = WorkingCalendar.From(configuration.GetSection("Hotline:Calendar").Get<CalendarOptions>() ?? new CalendarOptions());
        var sla = new SlaPolicy(configuration.GetSection("Hotline:Sla").Get<SlaOptions>() ?? new SlaOptions(), calendar);

        services.TryAddKeyedSingleton(HotlineTime.Key, TimeProvider.System);
        services.AddSingleton(calendar);
        services.AddSingleton(sla);
        services.AddSingleton(configuration.GetSection(DisputeOptions.SectionName).Get<DisputeOptions>() ?? new DisputeOptions());
        services.AddSingleton(DepartmentCatalog.LoadEmbedded());
        services.AddSingleton(storage);
        services.AddSingleton(storage.ReadModel());
        services.AddSingleton<DepartmentResync>();
        services.AddSingleton<SqlTicketProjection>();
        services.AddSingleton<ITicketProjection>(sp => sp.GetRequiredService<SqlTicketProjection>());
        services.TryAddSingleton<SqlTicketIndex>();
        services.AddSingleton<ITicketIndex>(sp => sp.GetRequiredService<SqlTicketIndex>());
        services.AddSingleton<ITicketProjectionPart, TicketFinderProjection>();
        services.AddSingleton<SqlRoutingCorrections>();
        services.AddSingleton<IRoutingCorrections>(sp => sp.GetRequiredService<SqlRoutingCorrections>());
        services.AddSingleton<SqlMeasureStore>();
        services.AddSingleton<TicketIntake>();
        services.AddSingleton<ResidentSurveys>();
        services.AddSingleton(CardClock.ForTickets);
        services.AddSingleton<TicketGrainServices>();
        services.AddSingleton<SiloReadiness>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());
        return services;
    }

    /// <summary>Bearer tokens, roles and the users behind them.</summary>
    public static IServiceCollection AddHotlineAuth(this IServiceCollection services, IConfiguration configuration, string dataDir, ILogger logger)
    {
        var adminToken = AdminToken.Resolve(configuration["Hotline:Auth:AdminToken"], dataDir, logger);
        services.AddSingleton(new AdminTokenHash(TokenHash.Of(adminToken)));
        services.AddOptions<List<ConfiguredUser>>().Bind(configuration.GetSection("Hotline:Users")).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<List<ConfiguredUser>>, ConfiguredUsersValidator>();
        services.AddSingleton<UserDirectory>();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization(Policies.Add);
        return services;
    }

    /// <summary>The services behind the HTTP endpoints.</summary>
    public static IServiceCollection AddHotlineApi(this IServiceCollection services)
    {
        services.AddSingleton<TicketSteps>();
        services.AddSingleton<TicketOffers>();
        services.AddHostedService<CardSweep>();
        services.AddSingleton<TicketFinderBackfill>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketFinderBackfill>());
        services.AddSingleton<TicketSearchBackfill>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketSearchBackfill>());
        services.AddSingleton<MessageStateSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageStateSweep>());
        // Unreadable bodies surface as exceptions in every environment, so they all get one answer: a 400 saying why.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Detail = bad.InnerException?.Message ?? bad.Message;
                if (UnreadableRequest.FieldOf(bad) is { } field)
                {
                    context.ProblemDetails.Extensions["field"] = field;
                }
            }
        });
        services.ConfigureHttpJsonOptions(o => HotlineJson.Configure(o.SerializerOptions));
        return services;
    }
}
