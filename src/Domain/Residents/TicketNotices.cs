using HotlineDispatch.Departments;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Residents;

/// <summary>
/// Which of a ticket's events the resident is told about, and how (docs/domain.md §7): a receipt with the
/// number, status changes worth telling (dispatched, more information needed, merged, reopened), and
/// each result followed by the survey prompt, which a merged ticket gets once. Only tickets with a
/// <see cref="TicketSnapshot.ReplyTo"/> have anyone to tell; internal steps (signing, cards, returns, extensions)
/// are not told.
/// </summary>
public sealed class TicketNotices(DepartmentCatalog departments)
{
    public IEnumerable<ResidentNotice> For(TicketSnapshot ticket, IEnumerable<TicketEvent> events)
    {
        if (ticket.ReplyTo is not { } replyTo)
        {
            yield break;
        }

        ResidentNotice Notice(TicketEvent e, string kind, string text, bool inline = false) =>
            new(ticket.Id, e.Seq, kind, replyTo, text, inline);

        var number = ticket.Id;
        foreach (var e in events)
        {
            switch (e.Action)
            {
                case TicketActions.Accept:
                    yield return Notice(e, NoticeKinds.Receipt, ResidentTexts.Receipt(ticket), ticket.ReceiptInline);
                    break;
                case TicketActions.Dispatch or TicketActions.Redispatch:
                    yield return Notice(e, NoticeKinds.Status, ResidentTexts.Dispatched(number, ResidentTexts.DepartmentName(e.Department, departments)));
                    break;
                case TicketActions.AwaitResident:
                    yield return Notice(e, NoticeKinds.Status, ResidentTexts.AwaitingResident(number, e.Note));
                    break;
                case TicketActions.Merge:
                    yield return Notice(e, NoticeKinds.Status, ResidentTexts.Merged(number, ticket.MasterId ?? ""));
                    break;
                case TicketActions.Survey when e.Rating == SurveyRating.Dissatisfied && e.FromState != TicketState.Merged:
                    yield return Notice(e, NoticeKinds.Status, ResidentTexts.Reopened(number));
                    break;
                case TicketActions.Reply or TicketActions.ResolveNow or TicketActions.MasterReplied when e.Result is { } result:
                    yield return Notice(e, NoticeKinds.Result, ResidentTexts.Result(number, result));
                    if (e.Note != Ticket.AnsweredAgain)
                    {
                        yield return Notice(e, NoticeKinds.Survey, ResidentTexts.SurveyPrompt(number));
                    }

                    break;
            }
        }
    }
}
