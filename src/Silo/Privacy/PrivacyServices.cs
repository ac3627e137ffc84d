namespace HotlineDispatch.Silo.Privacy;

public static class PrivacyServices
{
    /// <summary>The access audit, and what keeps residents' data only as long as the law allows.</summary>
    public static IServiceCollection AddHotlinePrivacy(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<PersonalDataTables>();
        services.AddSingleton<ResidentData>();
        return services;
    }
}
