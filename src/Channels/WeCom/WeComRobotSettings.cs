namespace HotlineDispatch.Channels.WeCom;

/// <summary>
/// <c>Hotline:Groups</c>: the WeCom group robots that post replies into resident groups. A group's own
/// key (<c>RobotKeys:{groupId}</c>) wins over the one shared <c>RobotWebhook</c> URL.
/// </summary>
public sealed class WeComRobotSettings
{
    public const string Section = "Hotline:Groups";

    /// <summary>A robot's full webhook URL, <c>https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…</c>, for every group without its own.</summary>
    public string? RobotWebhook { get; set; }

    public Dictionary<string, string> RobotKeys { get; set; } = [];

    public string RobotApiBaseUrl { get; set; } = "https://qyapi.weixin.qq.com";

    public bool CanSend => !string.IsNullOrWhiteSpace(RobotWebhook) || RobotKeys.Count > 0;

    /// <summary>The webhook URL of the robot that speaks in <paramref name="groupId"/>, or null when none does.</summary>
    public string? WebhookFor(string groupId) =>
        RobotKeys.TryGetValue(groupId, out var key) && !string.IsNullOrWhiteSpace(key)
            ? $"{RobotApiBaseUrl.TrimEnd('/')}/cgi-bin/webhook/send?key={Uri.EscapeDataString(key)}"
            : string.IsNullOrWhiteSpace(RobotWebhook) ? null : RobotWebhook;
}
