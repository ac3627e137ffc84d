using System.Xml.Linq;

namespace HotlineDispatch.Channels.Twilio;

/// <summary>TwiML documents (<c>&lt;Response&gt;</c> and its verbs), escaped by the XML writer, never by hand.</summary>
public static class Twiml
{
    public const string ContentType = "text/xml; charset=utf-8";

    public const string ZhCn = "zh-CN";

    public static string Response(params XElement[] verbs) =>
        """<?xml version="1.0" encoding="UTF-8"?>""" + new XElement("Response", verbs).ToString(SaveOptions.DisableFormatting);

    public static XElement Message(string text) => new("Message", text);

    public static XElement Say(string text) => new("Say", new XAttribute("language", ZhCn), text);

    /// <summary>A speech gather in Chinese whose result Twilio posts to <paramref name="action"/> (<c>SpeechResult</c>, <c>Confidence</c>).</summary>
    public static XElement SpeechGather(string action, params XElement[] prompts) => new("Gather",
        new XAttribute("input", "speech"),
        new XAttribute("language", ZhCn),
        new XAttribute("action", action),
        new XAttribute("method", "POST"),
        new XAttribute("speechTimeout", "auto"),
        prompts);

    /// <summary>A recording posted to <paramref name="action"/> (<c>RecordingUrl</c>, <c>RecordingDuration</c>) when the caller finishes.</summary>
    public static XElement Record(string action, int maxSeconds) => new("Record",
        new XAttribute("action", action),
        new XAttribute("method", "POST"),
        new XAttribute("maxLength", maxSeconds),
        new XAttribute("finishOnKey", "#"),
        new XAttribute("playBeep", "true"));

    public static XElement Hangup() => new("Hangup");
}
