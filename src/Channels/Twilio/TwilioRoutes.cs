namespace HotlineDispatch.Channels.Twilio;

/// <summary>The webhook paths Twilio is configured with, and that TwiML and status callbacks point back to.</summary>
public static class TwilioRoutes
{
    public const string Sms = "/channels/twilio/sms";
    public const string MessageStatus = "/channels/twilio/status";
    public const string Voice = "/channels/twilio/voice";
    public const string VoiceGather = "/channels/twilio/voice/gather";
    public const string VoiceRecording = "/channels/twilio/voice/recording";
    public const string VoiceStatus = "/channels/twilio/voice/status";

    /// <summary>The query field naming the outbox row a message status callback is about.</summary>
    public const string OutboxQuery = "outbox";
}
