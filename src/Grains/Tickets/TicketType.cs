namespace HotlineDispatch.Tickets;

/// <summary>What the resident asks for; decides the reply limit (DOMAIN.md §4).</summary>
public enum TicketType
{
    Consultation,
    Help,
    Complaint,
    Report,
    Suggestion,
    Praise,
}
