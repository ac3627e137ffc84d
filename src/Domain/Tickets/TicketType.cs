namespace HotlineDispatch.Tickets;

/// <summary>What the resident asks for; decides the reply limit (docs/domain.md §4).</summary>
// sbyte: every ticket and history entry holds it, and it is stored with the same encoding the int had.
public enum TicketType : sbyte
{
    Consultation,
    Help,
    Complaint,
    Report,
    Suggestion,
    Praise,
}
