using System.Globalization;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Residents;

/// <summary>Everything the hotline says to residents, in one place, so every channel says it the same way.</summary>
public static class ResidentTexts
{
    public const string Help =
        "您好，这里是12345政务服务便民热线。请直接发送您要反映的问题和具体地点，我们将为您登记工单；" +
        "发送“查询 工单号”可了解办理进度；收到办理结果后，回复1（满意）、2（基本满意）或3（不满意）进行评价。";

    public const string QueryHelp = "请发送“查询 工单号”了解办理进度，例如：查询 20261123-000042。";

    public const string NoSurveyWaiting = "您目前没有待评价的工单。如需反映新问题，请直接发送问题描述和具体地点。";

    public const string VoiceGreeting = "您好，这里是12345政务服务便民热线。请在提示音后说出您要反映的问题和具体地点，说完后请稍候。";

    public const string VoiceRecordPrompt = "抱歉，没有听清。请在提示音后留言，说完后按井号键结束。";

    public const string VoiceTaken = "您反映的问题已记录，话务员核实后会以短信告知工单号。感谢您的来电，再见。";

    public const string VoiceTakenWithoutNumber = "您反映的问题已记录，话务员核实后将尽快办理。您的号码未显示，如需查询进度请再次来电。感谢您的来电，再见。";

    public const string WeChatHelp =
        "您好，请直接用文字、语音、图片或位置描述您要反映的问题；查询办理进度请回复“查询 工单号”。";

    /// <summary>The content of a ticket made from a multimedia message that came without any text.</summary>
    public const string MediaWithoutText = "[彩信] 居民发来图片或其他附件，未附文字说明，请查看附件。";

    /// <summary>To a resident whose message the system could not take in after every attempt: people have it now.</summary>
    public const string HandedToStaff =
        "您发送的消息我们已收到，因系统原因暂未能自动受理，已转交工作人员人工处理，请耐心等待。如情况紧急，请直接拨打12345热线。";

    public const string VoiceNotRecognised = "抱歉，未能识别您的语音内容，请改用文字描述您要反映的问题，谢谢！";

    public const string Welcome =
        "欢迎关注12345政务服务便民热线！直接发送文字、语音、图片或位置即可反映问题，回复“查询 工单号”可查看办理进度。";

    public static string GroupTicket(string senderName, string number) =>
        $"@{senderName} 您反映的问题已登记为工单 {number}，我们会尽快办理并在群里反馈，谢谢！";

    public static string GroupSettled(string senderName, string note, bool byGridWorker) =>
        $"@{senderName} 您反映的问题{(byGridWorker ? "网格员" : "")}已处理：{Quote(note)} 如仍有问题请在群里告诉我们，谢谢！";

    /// <summary>The number of the new ticket; when the report was too long to keep whole, also which part was taken.</summary>
    public static string Receipt(TicketSnapshot ticket) =>
        $"您好，您反映的问题已受理，工单号：{ticket.Id}。" +
        (ticket.ContentTruncated ? $"因内容较长，工单只记录了您所发内容的前{Ticket.MaxText}字，其余部分请致电12345热线补充。" : "") +
        $"我们将尽快安排办理，可发送“查询 {ticket.Id}”了解进度。";

    public static string NotFound(string number) => $"未查询到您提交的工单 {number}，请核对工单号。如有疑问请致电12345。";

    public static string SurveyThanks(SurveyRating rating) => rating == SurveyRating.Dissatisfied
        ? "已收到您的评价，我们将督促重新办理并再次答复您。"
        : "感谢您的评价！";

    public static string Dispatched(string number, string department) => $"您的工单 {number} 已转交{department}办理。";

    public static string AwaitingResident(string number, string? request) =>
        $"办理部门需要您补充工单 {number} 的情况{(request is null ? "" : "：" + request)}。请致电12345热线补充。";

    public static string Result(string number, string result) => $"您的工单 {number} 办理结果：{result}";

    public static string SurveyPrompt(string number) =>
        $"请对工单 {number} 的办理结果进行评价：回复1满意，2基本满意，3不满意。";

    public static string Reopened(string number) => $"已收到您对工单 {number} 的评价，已安排重新办理，结果将再次告知您。";

    public static string Merged(string number, string masterId) =>
        $"您反映的问题（工单 {number}）与工单 {masterId} 为同一事项，已合并办理，结果将一并告知您。";

    /// <summary>The answer to <c>查询</c>: where the ticket stands and, while a department has it, by when it must answer.</summary>
    public static string Status(TicketSnapshot ticket, DepartmentCatalog departments, WorkingCalendar calendar)
    {
        var department = DepartmentName(ticket.Lead, departments);
        var state = ticket.State switch
        {
            TicketState.Accepted => "已受理，正在安排办理部门",
            TicketState.Resolved => "已办结（受理时已答复）",
            TicketState.Dispatched => $"已转交{department}，等待签收",
            TicketState.InProgress => $"{department}正在办理",
            TicketState.AwaitingResident => "办理部门需要您补充情况，请致电12345热线",
            TicketState.Replied => $"{department}已答复办理结果",
            TicketState.Reopened => $"已重新交办{department}办理",
            TicketState.Closed => "已办结归档",
            _ => $"已与工单 {ticket.MasterId} 合并办理",
        };
        // A paused ticket's deadline moves when the clock resumes, so it is not promised then.
        var running = ticket.State is TicketState.Dispatched or TicketState.InProgress or TicketState.Reopened;
        var deadline = running && ticket.ReplyBy is { } replyBy
            ? $"办理时限：{calendar.ToLocal(replyBy).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture)}前。"
            : "";
        return $"工单 {ticket.Id} 当前状态：{state}。{deadline}";
    }

    /// <summary>
    /// The department as residents know it. A code the catalogue no longer lists (a department merged or
    /// renamed in a later departments.json, with tickets still dispatched to it) is an internal identifier
    /// that means nothing to a resident, so it is never shown.
    /// </summary>
    public static string DepartmentName(string? code, DepartmentCatalog departments) =>
        (code is null ? null : departments.Find(code)?.Name) ?? "相关部门";

    private const int MaxQuoted = 300;

    private static string Quote(string text) => Excerpts.Of(text, MaxQuoted);
}
