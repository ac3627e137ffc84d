namespace HotlineDispatch.Tickets;

/// <summary>How the report reached the hotline (DOMAIN.md §2).</summary>
public enum TicketChannel
{
    Call,
    Sms,
    Wechat,
    Chat,
    Platform,
    Web,
    Open311,
}
