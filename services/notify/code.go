package notify

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/motlan/portal/services/citizens"
	"github.com/motlan/portal/services/fault"
	"github.com/motlan/portal/services/sms"
)

// SendCode queues a contact confirmation code (services/citizens) in the caller's transaction:
// by e-mail to a new address, by text message to a new mobile number. It is the one message
// that goes to an unverified value: the code is how it becomes verified.
func (s *Service) SendCode(ctx context.Context, tx pgx.Tx, m citizens.CodeMessage) error {
	const op = "notify.SendCode"
	minutes := int(citizens.CodeTTL.Minutes())
	now := s.now().UTC()
	switch m.Channel {
	case citizens.ChannelEmail:
		subject := "[Một Lần] Mã xác nhận địa chỉ thư điện tử / E-mail confirmation code"
		body := fmt.Sprintf("Mã xác nhận địa chỉ thư điện tử của bạn trên cổng dịch vụ công Một Lần là:\n\n    %s\n\n"+
			"Mã có hiệu lực trong %d phút. Không cung cấp mã này cho bất kỳ ai. Nếu bạn không yêu cầu, hãy bỏ qua thư này.\n\n"+
			"-- English --\n\nYour e-mail confirmation code for the Một Lần public service portal is %s. It is valid for %d minutes. "+
			"Do not give it to anyone. If you did not ask for it, ignore this message.\n", m.Code, minutes, m.Code, minutes)
		if err := s.queue(ctx, tx, m.To, subject, body, m.Key, now); err != nil {
			return fmt.Errorf("notify: code %s: %w", m.Key, err)
		}
	case citizens.ChannelPhone:
		text := sms.Text(fmt.Sprintf("Một Lần: Mã xác nhận số điện thoại của bạn là %s, hiệu lực %d phút. Không cung cấp mã này cho bất kỳ ai.", m.Code, minutes))
		if err := s.queueSMS(ctx, tx, m.To, text, m.Key, now); err != nil {
			return fmt.Errorf("notify: code %s: %w", m.Key, err)
		}
	default:
		return fault.New(fault.EINVALID, "error.invalid", op)
	}
	return nil
}

var _ citizens.CodeSender = (*Service)(nil)
