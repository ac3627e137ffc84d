using HotlineDispatch.Deadlines;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Residents;

/// <summary>What residents are told, in polite zh-CN, whatever the channel.</summary>
public static class ResidentReplies
{
    private const int MaxQuoted = 300;

    public static string Receipt(string number) =>
        $"您好，您反映的问题已受理，工单号：{number}。我们将尽快转交办理，回复“查询 {number}”可查看办理进度。感谢您对12345热线的支持！";

    public static string Status(Ticket ticket, WorkingCalendar calendar)
    {
        var text = $"工单 {ticket.Id} 当前状态：{StateName(ticket.State)}。";
        if (ticket.IsOpen && ticket.ReplyBy is { } replyBy && ticket.State != TicketState.Replied)
        {
            text += $"办理时限：{calendar.ToLocal(replyBy):yyyy年M月d日 HH:mm}。";
        }

        if (ticket.Result is { } result && ticket.State is TicketState.Resolved or TicketState.Replied or TicketState.Closed)
        {
            text += $"办理结果：{Quote(result)}";
        }

        return text;
    }

    public static string NotFound(string number) =>
        $"未查到工单 {number}。请核对工单号；这里只能查询您本人反映的工单。";

    public static string Help =>
        "您好，请直接用文字、语音、图片或位置描述您要反映的问题；查询办理进度请回复“查询 工单号”。";

    public static string VoiceNotRecognised =>
        "抱歉，未能识别您的语音内容，请改用文字描述您要反映的问题，谢谢！";

    public static string Welcome =>
        "欢迎关注12345政务服务便民热线！直接发送文字、语音、图片或位置即可反映问题，回复“查询 工单号”可查看办理进度。";

    public static string GroupTicket(string senderName, string number) =>
        $"@{senderName} 您反映的问题已登记为工单 {number}，我们会尽快办理并在群里反馈，谢谢！";

    public static string GroupSettled(string senderName, string note) =>
        $"@{senderName} 您反映的问题网格员已处理：{Quote(note)} 如仍有问题请在群里告诉我们，谢谢！";

    public static string StateName(TicketState state) => state switch
    {
        TicketState.Accepted => "已受理，等待派单",
        TicketState.Resolved => "已办结",
        TicketState.Dispatched => "已派至承办单位",
        TicketState.InProgress => "承办单位办理中",
        TicketState.AwaitingResident => "等待您补充材料",
        TicketState.Replied => "承办单位已答复",
        TicketState.Reopened => "重新办理中",
        TicketState.Closed => "已办结归档",
        TicketState.Merged => "已与同一事项的工单合并办理",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    private static string Quote(string text) => text.Length <= MaxQuoted ? text : text[..MaxQuoted] + "…";
}
