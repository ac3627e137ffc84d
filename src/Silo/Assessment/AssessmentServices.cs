using HotlineDispatch.Assessment;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.ReadModel;
using Microsoft.AspNetCore.Authorization;

namespace HotlineDispatch.Silo.Assessment;

public static class AssessmentServices
{
    /// <summary>The assessment's options (<c>Hotline:Assessment</c>), its read-model part and its readers.</summary>
    public static IServiceCollection AddHotlineAssessment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton((configuration.GetSection(AssessmentOptions.SectionName).Get<AssessmentOptions>() ?? new AssessmentOptions()).Validate());
        services.AddSingleton<SqlAssessmentStore>();
        services.AddSingleton<AssessmentTally>();
        // Before Orleans starts, so no case changes while the tally is built.
        services.AddHostedService<AssessmentTallyBackfill>();
        services.AddSingleton<AssessmentReport>();
        services.AddSingleton<ITicketProjectionPart, AssessmentProjection>();
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(AssessmentApi.ReadPolicy,
            p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Leader, Roles.Supervisor)));
        return services;
    }
}
