using HotlineDispatch.Channels.TextAnalytics;
using HotlineDispatch.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.Silo.Routing;

public static class TextAnalyticsServices
{
    /// <summary>Azure AI Language when <c>Hotline:TextAnalytics:Endpoint</c> and <c>Key</c> are set, else the local analysis.</summary>
    public static IServiceCollection AddHotlineTextAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Hotline:TextAnalytics").Get<AzureLanguageOptions>() ?? new AzureLanguageOptions();
        if (!options.IsConfigured)
        {
            services.AddSingleton<ITextInsights, LocalTextInsights>();
            return services;
        }

        services.AddHttpClient(nameof(AzureLanguageClient), c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<ITextInsights>(sp => new AzureTextInsights(
            new AzureLanguageClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AzureLanguageClient)),
                options,
                sp.GetRequiredKeyedService<TimeProvider>(HotlineTime.Key)),
            new LocalTextInsights(),
            sp.GetRequiredService<ILogger<AzureTextInsights>>()));
        return services;
    }
}
