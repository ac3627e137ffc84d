using System.Diagnostics.Metrics;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Observability;

/// <summary>
/// The dispatcher's own instruments (meter <c>HotlineDispatch</c>), exported beside Orleans' at
/// <c>/metrics</c>. Each is recorded once the change it counts is durable.
/// </summary>
public static class HotlineMetrics
{
    public const string MeterName = "HotlineDispatch";
    public const string LatenessName = "hotline.deadline.lateness";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Intake =
        Meter.CreateCounter<long>("hotline.intake", "{ticket}", "Tickets accepted, by channel.");

    private static readonly Counter<long> Cards =
        Meter.CreateCounter<long>("hotline.cards", "{card}", "Yellow and red cards recorded, by kind and step.");

    /// <summary>Ends of the outbox's sends to a provider: a rising share of retries or failures is a provider or configuration in trouble.</summary>
    private static readonly Counter<long> Sends =
        Meter.CreateCounter<long>("hotline.outbox.sends", "{message}", "Outbox sends to a provider, by address scheme and outcome.");

    /// <summary>
    /// How long after its due moment a card was recorded: near zero while the card clock watches, longer
    /// when a reminder or the start-up sweep had to catch up after an outage.
    /// </summary>
    private static readonly Histogram<double> Lateness = Meter.CreateHistogram<double>(LatenessName, "s",
        "Card recorded at minus card due at, in seconds.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 5, 15, 60, 300, 900, 3600, 14400, 86400] });

    public static void Accepted(TicketChannel channel) =>
        Intake.Add(1, new KeyValuePair<string, object?>("channel", channel.ToString().ToLowerInvariant()));

    /// <param name="scheme">The address scheme of the row (sms, wechat, wecom).</param>
    /// <param name="outcome">sent, retry, failed or unknown.</param>
    public static void SendEnded(string scheme, string outcome) =>
        Sends.Add(1, new KeyValuePair<string, object?>("scheme", scheme), new KeyValuePair<string, object?>("outcome", outcome));

    public static void Recorded(IEnumerable<Card> cards)
    {
        foreach (var card in cards)
        {
            var kind = new KeyValuePair<string, object?>("kind", card.Kind.ToString().ToLowerInvariant());
            var step = new KeyValuePair<string, object?>("step", card.Step.ToString().ToLowerInvariant());
            Cards.Add(1, kind, step);
            Lateness.Record(Math.Max(0, (card.RecordedAt - card.DueAt).TotalSeconds), kind, step);
        }
    }
}
