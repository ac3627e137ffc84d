using HotlineDispatch.Channels.Outbox;
using HotlineDispatch.Channels.Twilio;
using HotlineDispatch.Channels.WeChat;
using HotlineDispatch.Channels.WeCom;
using HotlineDispatch.Outbox;
using HotlineDispatch.Residents;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Silo.Twilio;

namespace HotlineDispatch.Silo.Outbox;

public static class OutboxSetup
{
    private const string HttpClientName = "hotline-outbound";
    private const string TwilioClientName = "hotline-twilio";

    /// <summary>
    /// The outbox, the projection part that fills it from ticket events, and a sender for each scheme
    /// whose credentials are configured; without any (the embedded run) messages wait as pending.
    /// </summary>
    public static IServiceCollection AddHotlineOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(OutboxSettings.Section).Get<OutboxSettings>() ?? new OutboxSettings();
        services.AddSingleton(settings);
        services.AddSingleton<SqlOutbox>();
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<SqlOutbox>());
        services.AddSingleton<ISurveyPrompts>(sp => sp.GetRequiredService<SqlOutbox>());
        services.AddSingleton<OutboxTransitions>();
        services.AddSingleton<TicketNotices>();
        services.AddSingleton<ITicketProjectionPart, OutboxProjection>();
        services.AddHttpClient(HttpClientName, client => client.Timeout = settings.SendTimeout);

        TimeProvider Time(IServiceProvider sp) => sp.GetRequiredKeyedService<TimeProvider>(HotlineTime.Key);
        HttpClient Http(IServiceProvider sp) => sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);

        var twilio = configuration.GetSection(TwilioSettings.Section).Get<TwilioSettings>() ?? new TwilioSettings();
        if (twilio.CanSend)
        {
            services.AddHttpClient(TwilioClientName, client => client.Timeout = settings.SendTimeout)
                .AddHttpMessageHandler(() => new TwilioApiBase(twilio.ApiBaseUrl));
            services.AddSingleton<IOutboundSender>(sp =>
            {
                var clients = sp.GetRequiredService<IHttpClientFactory>();
                return new TwilioSmsSender(() => clients.CreateClient(TwilioClientName), twilio, configuration[TwilioUrls.PublicBaseUrlKey], Time(sp));
            });
        }

        var wechat = configuration.GetSection(WeChatApiSettings.Section).Get<WeChatApiSettings>() ?? new WeChatApiSettings();
        if (wechat.CanSend)
        {
            services.AddSingleton<IOutboundSender>(sp =>
                new WeChatCustomerServiceSender(Http(sp), wechat, new WeChatAccessToken(Http(sp), wechat, Time(sp)), Time(sp)));
        }

        var robots = configuration.GetSection(WeComRobotSettings.Section).Get<WeComRobotSettings>() ?? new WeComRobotSettings();
        if (robots.CanSend)
        {
            services.AddSingleton<IOutboundSender>(sp => new WeComRobotSender(Http(sp), robots, Time(sp)));
        }

        services.AddHostedService<OutboxSender>();
        return services;
    }
}
