using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Privacy;

public static class PrivacyServices
{
    /// <summary>The access audit, and what keeps residents' data only as long as the law allows.</summary>
    public static IServiceCollection AddHotlinePrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        var retention = configuration.GetSection(RetentionOptions.Section).Get<RetentionOptions>() ?? new RetentionOptions();
        if (retention.Periods().FirstOrDefault(p => p.Value <= TimeSpan.Zero) is { Name: { } wrong })
        {
            throw new InvalidOperationException($"{RetentionOptions.Section}:{wrong} must be a positive TimeSpan such as 365.00:00:00.");
        }

        services.AddSingleton(retention);
        services.AddSingleton<SqlRetention>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService<RetentionSweep>();
        services.AddSingleton<ITicketProjectionPart, ClosedTicketsProjection>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<PersonalDataTables>();
        services.AddSingleton<ResidentData>();
        return services;
    }
}
