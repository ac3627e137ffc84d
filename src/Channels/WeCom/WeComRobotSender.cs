using HotlineDispatch.Channels.Outbox;
using HotlineDispatch.Channels.WeChat;

namespace HotlineDispatch.Channels.WeCom;

/// <summary>
/// Sends <c>group:</c> messages to residents' groups, or <c>wecom:</c> notices to staff, through a WeCom group robot: <c>POST {webhook}</c> with
/// <c>{"msgtype":"text","text":{"content":…}}</c>, content at most 2048 bytes, at most 20 messages a
/// minute per robot (docs/channels.md). The minute is kept here, so a busy group waits instead of being refused.
/// </summary>
public sealed class WeComRobotSender(HttpClient http, Func<string, string?> webhookFor, TimeProvider time, string scheme) : IOutboundSender
{
    /// <summary>The residents' group robots: <c>group:</c> rows, each group's robot from <c>Hotline:Groups</c>.</summary>
    public WeComRobotSender(HttpClient http, WeComRobotSettings settings, TimeProvider time)
        : this(http, settings.WebhookFor, time, "group")
    {
    }

    public const int PerMinute = 20;

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Queue<DateTimeOffset>> _recent = new(StringComparer.Ordinal);

    public string Scheme => scheme;

    public MessageLimit Limit { get; } = MessageLimit.Utf8Bytes(2048);

    public bool CanSend(string address) => webhookFor(address) is not null;

    public TimeSpan Wait(string address)
    {
        lock (_recent)
        {
            var recent = Recent(webhookFor(address)!);
            return recent.Count < PerMinute ? TimeSpan.Zero : recent.Peek() + Minute - time.GetUtcNow();
        }
    }

    public async Task<SendOutcome> SendAsync(OutboundDelivery delivery, CancellationToken cancellationToken)
    {
        var webhook = webhookFor(delivery.Address)!;
        lock (_recent)
        {
            Recent(webhook).Enqueue(time.GetUtcNow());
        }

        var message = new { msgtype = "text", text = new { content = delivery.Text } };
        var (outcome, json) = await OutboundHttp.PostJsonAsync(http, webhook, message, time.GetUtcNow(), cancellationToken);
        if (outcome is not null)
        {
            return outcome;
        }

        var code = OutboundHttp.Text(json, "errcode");
        var detail = $"{code}: {OutboundHttp.Text(json, "errmsg")}";
        return code switch
        {
            null => new SendOutcome.Unknown("The robot answered without an errcode."),
            "0" => new SendOutcome.Sent(null, "ok"),
            _ when WeChatApiError.IsTransient(code) => new SendOutcome.Retry(Minute, detail),
            _ => new SendOutcome.Failed(detail),
        };
    }

    /// <summary>The sends of the last minute through one robot, oldest first.</summary>
    private Queue<DateTimeOffset> Recent(string webhook)
    {
        if (!_recent.TryGetValue(webhook, out var recent))
        {
            _recent[webhook] = recent = new Queue<DateTimeOffset>();
        }

        var now = time.GetUtcNow();
        while (recent.Count > 0 && recent.Peek() + Minute <= now)
        {
            recent.Dequeue();
        }

        return recent;
    }
}
