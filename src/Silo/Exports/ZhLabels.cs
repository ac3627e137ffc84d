using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Exports;

/// <summary>The words the centre's staff use for states, channels and types (docs/domain.md), for files people read.</summary>
public static class ZhLabels
{
    public static string Of(TicketState state) => state switch
    {
        TicketState.Accepted => "已受理",
        TicketState.Resolved => "直接办结",
        TicketState.Dispatched => "已派单",
        TicketState.InProgress => "办理中",
        TicketState.AwaitingResident => "补办中",
        TicketState.Replied => "已反馈",
        TicketState.Reopened => "重办",
        TicketState.Closed => "已归档",
        TicketState.Merged => "已并单",
        _ => state.ToString(),
    };

    public static string Of(TicketChannel channel) => channel switch
    {
        TicketChannel.Call => "来电",
        TicketChannel.Sms => "短信",
        TicketChannel.Wechat => "微信",
        TicketChannel.Chat => "社区群",
        TicketChannel.Platform => "上级平台",
        TicketChannel.Web => "网站",
        TicketChannel.Open311 => "Open311",
        _ => channel.ToString(),
    };

    public static string Of(TicketType type) => type switch
    {
        TicketType.Consultation => "咨询",
        TicketType.Help => "求助",
        TicketType.Complaint => "投诉",
        TicketType.Report => "举报",
        TicketType.Suggestion => "建议",
        TicketType.Praise => "表扬",
        _ => type.ToString(),
    };
}
