namespace HotlineDispatch.Tickets;

/// <summary>How the report reached the hotline (docs/domain.md §2).</summary>
// sbyte: every ticket and history entry holds it, and it is stored with the same encoding the int had.
public enum TicketChannel : sbyte
{
    Call,
    Sms,
    Wechat,
    Chat,
    Platform,
    Web,
    Open311,

    /// <summary>巡查上报: a grid worker found the problem on patrol in the worker's own cell.</summary>
    Patrol,
}
