using HotlineDispatch.Channels.Twilio;
using HotlineDispatch.Residents;
using HotlineDispatch.Silo.Voice;
using Microsoft.AspNetCore.Http.Metadata;

namespace HotlineDispatch.Silo.Twilio;

/// <summary>The Twilio webhooks under <c>/channels/twilio</c>; they authenticate by Twilio's signature, not by a token.</summary>
public static class TwilioChannels
{
    public static IServiceCollection AddTwilioChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(TwilioSettings.Section).Get<TwilioSettings>() ?? new TwilioSettings());
        services.AddSingleton(new TwilioUrls(configuration[TwilioUrls.PublicBaseUrlKey]));
        services.AddSingleton<TwilioWebhook>();
        services.AddSingleton<ResidentDesk>();
        services.AddSingleton<SqlCallDrafts>();
        services.AddSingleton<SqlMissedCalls>();
        return services;
    }

    public static IEndpointRouteBuilder MapTwilioChannels(this IEndpointRouteBuilder routes)
    {
        // Every route answers Twilio with a TwiML document.
        var twilio = routes.MapGroup("").AddEndpointFilter<TwilioWebhook>()
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [TwilioWebhook.TwimlType]));
        twilio.MapPost(TwilioRoutes.Sms, TwilioSmsWebhook.Receive);
        twilio.MapPost(TwilioRoutes.MessageStatus, TwilioMessageStatusWebhook.Receive);
        twilio.MapPost(TwilioRoutes.Voice, TwilioVoiceWebhook.Greet);
        twilio.MapPost(TwilioRoutes.VoiceGather, TwilioVoiceWebhook.Gathered);
        twilio.MapPost(TwilioRoutes.VoiceRecording, TwilioVoiceWebhook.Recorded);
        twilio.MapPost(TwilioRoutes.VoiceStatus, TwilioVoiceWebhook.StatusChanged);
        return routes;
    }
}
