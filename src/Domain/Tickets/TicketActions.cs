namespace HotlineDispatch.Tickets;

/// <summary>The action names written to the history; stable strings because they land in storage and the API.</summary>
public static class TicketActions
{
    public const string Accept = "accept";
    public const string ResolveNow = "resolveNow";
    public const string Dispatch = "dispatch";
    public const string Sign = "sign";
    public const string Return = "return";

    /// <summary>改派: a dispatcher or supervisor moved a dispatched or signed ticket to another department.</summary>
    public const string Redispatch = "redispatch";
    public const string AwaitResident = "awaitResident";
    public const string ResidentInfo = "residentInfo";
    public const string RequestExtension = "requestExtension";
    public const string ApproveExtension = "approveExtension";
    public const string RejectExtension = "rejectExtension";
    public const string Reply = "reply";

    /// <summary>补充: the resident called again about an open ticket, and the operator added what they said to it.</summary>
    public const string Supplement = "supplement";

    /// <summary>A co-handler (协办) recorded its part of the work for the lead.</summary>
    public const string Contribute = "contribute";

    /// <summary>返工: the closing check (核查结案) found the reply not done and sent it back to the lead.</summary>
    public const string Rework = "rework";
    public const string Survey = "survey";

    /// <summary>A survey call (回访) that did not reach the resident; the third archives the ticket unsurveyed.</summary>
    public const string SurveyUnreachable = "surveyUnreachable";
    public const string Supervise = "supervise";
    public const string Merge = "merge";
    public const string AttachMerged = "attachMerged";
    public const string MasterReplied = "masterReplied";

    /// <summary>A merged ticket's master had its answer sent back (返工 or 重办): the merged ticket waits for the next one.</summary>
    public const string MasterReplyWithdrawn = "masterReplyWithdrawn";
    public const string Close = "close";
    public const string YellowCard = "yellowCard";
    public const string RedCard = "redCard";

    /// <summary>The resident's identity was erased (retention or a request); counted by no measure.</summary>
    public const string EraseCaller = "eraseCaller";
    /// <summary>派单异议: the lead says the dispatch was wrong and asks the review to send the ticket elsewhere.</summary>
    public const string Dispute = "dispute";

    /// <summary>A return (退单) asked after the dispute window: it waits for the same review.</summary>
    public const string ReturnRequest = "returnRequest";
    public const string DecideDispute = "decideDispute";
    public const string DisputeUpheld = "disputeUpheld";
    public const string DisputeRejected = "disputeRejected";
    public const string ReturnApproved = "returnApproved";
    public const string ReturnRefused = "returnRefused";

    /// <summary>A dispute waited longer than its review limit: supervisors are alerted.</summary>
    public const string DisputeOverdue = "disputeOverdue";

    /// <summary>A count taken back (the note names the step whose counts): a dispatch and its cards after an upheld dispute.</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>催办: an operator or supervisor presses for progress on an open ticket.</summary>
    public const string Urge = "urge";
}
