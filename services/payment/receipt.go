package payment

import (
	"context"
	"fmt"

	"github.com/motlan/portal/services/catalogue"
	"github.com/motlan/portal/services/ereceipt"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/signing"
	"github.com/motlan/portal/services/vnpay"
)

// ReceiptPDF is the e-receipt of a paid item (services/ereceipt), for the case's owner
// (citizenID) or, with citizenID 0, for staff of agencyCode. Anyone else's item, and an item
// not paid (it has no receipt), is not found.
func (s *Service) ReceiptPDF(ctx context.Context, citizenID int64, agencyCode string, itemID int64) ([]byte, error) {
	const op = "payment.receipt"
	r, it, err := s.receipt(ctx, citizenID, agencyCode, itemID)
	if err != nil {
		return nil, err
	}
	if s.deps.Receipts == nil {
		return nil, fault.New(fault.EUNAVAILABLE, MsgReceiptUnavailable, op)
	}
	signer, err := s.signer(ctx, it)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	pdf, err := s.deps.Receipts.SignedPDF(ctx, r, signer)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return pdf, nil
}

// signer is the agency whose signature the e-receipt carries: the case's, which collected the
// charge through the portal, under its name in the catalogue.
func (s *Service) signer(ctx context.Context, it itemRow) (signing.Agency, error) {
	a := signing.Agency{Code: it.AgencyCode, Name: it.RecipientVi}
	if s.deps.Agencies == nil {
		return a, nil
	}
	ag, err := s.deps.Agencies.Agency(ctx, it.AgencyCode)
	if err != nil {
		return signing.Agency{}, fmt.Errorf("agency %s: %w", it.AgencyCode, err)
	}
	a.Name = ag.NameVI
	return a, nil
}

// Receipt is the content of a paid item's e-receipt, authorized as ReceiptPDF.
func (s *Service) Receipt(ctx context.Context, citizenID int64, agencyCode string, itemID int64) (ereceipt.Receipt, error) {
	r, _, err := s.receipt(ctx, citizenID, agencyCode, itemID)
	return r, err
}

// receipt is Receipt with the paid item.
func (s *Service) receipt(ctx context.Context, citizenID int64, agencyCode string, itemID int64) (ereceipt.Receipt, itemRow, error) {
	st := storeOf(s.pool)
	it, err := st.item(ctx, itemID)
	if err != nil {
		return ereceipt.Receipt{}, itemRow{}, err
	}
	switch {
	case citizenID > 0 && it.CitizenID == citizenID:
	case citizenID == 0 && agencyCode != "" && it.AgencyCode == agencyCode:
	default:
		return ereceipt.Receipt{}, itemRow{}, errNotFound
	}
	if it.State != ItemPaid || it.PaidOrderID == nil || it.PaidAt == nil {
		return ereceipt.Receipt{}, itemRow{}, errNotFound
	}
	o, err := st.q.OrderWithItem(ctx, *it.PaidOrderID)
	if err != nil {
		return ereceipt.Receipt{}, itemRow{}, noRow(err, "payment: receipt order")
	}
	c, err := s.deps.Cases.Get(ctx, s.pool, it.CaseID)
	if err != nil {
		return ereceipt.Receipt{}, itemRow{}, err
	}
	procedure := c.ProcedureCode
	if s.deps.Procedures != nil {
		p, err := s.deps.Procedures.Get(ctx, c.ProcedureCode)
		if err != nil {
			return ereceipt.Receipt{}, itemRow{}, fmt.Errorf("payment: receipt: procedure %s: %w", c.ProcedureCode, err)
		}
		procedure = p.NameVI
	}
	legal := ""
	if it.Source == SourceSchedule {
		legal = it.Reason // the fee schedule's legal basis
	}
	issued := *it.PaidAt
	return ereceipt.Receipt{
		Number: ereceipt.FormatNumber(it.ID), Template: ereceipt.PortalTemplate,
		Series: ereceipt.PortalSeries(issued.In(vnpay.Vietnam).Year()), IssuedAt: issued,
		Collector: it.RecipientVi, PayerName: c.ApplicantName, PayerPersonalID: c.ApplicantPID,
		CaseCode: it.CaseCode, ProcedureName: procedure, ItemName: it.NameVi, ItemKind: catalogue.FeeKindName(it.Kind).VI,
		LegalBasis: legal, AmountVND: o.PaymentOrder.AmountVnd, PaymentMethod: ereceipt.MethodVNPAY,
		TxnRef: o.PaymentOrder.TxnRef, TransactionNo: deref(o.PaymentOrder.TransactionNo), BankCode: o.PaymentOrder.BankCode,
		PaidAt: deref(o.PaymentOrder.PaidAt),
	}, it, nil
}
