// Package status names the national statuses of an e-file (hồ sơ) and the groups of them that
// the rules of the portal speak of: open, running, finished, awaiting the citizen. A group is the
// one definition of its rule; Go asks Has, SQL receives Codes as `status = ANY($n)`.
//
// The codes and their Vietnamese names are those of the national public service portal's
// e-file statuses (PRODUCT.md, "Statuses"); the database's CHECK keeps them between 1 and 10.
package status

import "slices"

// Status is the national status code of a case.
type Status int16

// The national statuses.
const (
	New        Status = 1  // Mới đăng ký: submitted, waiting to be received
	Received   Status = 2  // Được tiếp nhận: received, the legal clock runs
	Refused    Status = 3  // Không được tiếp nhận: refused at intake
	Processing Status = 4  // Đang xử lý
	Supplement Status = 5  // Yêu cầu bổ sung giấy tờ: the clock pauses
	Payment    Status = 6  // Yêu cầu thực hiện nghĩa vụ tài chính
	Withdrawal Status = 7  // Công dân yêu cầu rút hồ sơ
	Stopped    Status = 8  // Dừng xử lý
	Done       Status = 9  // Đã xử lý xong: decided (approved or refused)
	Delivered  Status = 10 // Đã trả kết quả
)

// All lists every status in code order.
var All = Group{New, Received, Refused, Processing, Supplement, Payment, Withdrawal, Stopped, Done, Delivered}

// Valid reports whether s is a national status code.
func (s Status) Valid() bool { return s >= New && s <= Delivered }

// Group is a named set of statuses.
type Group []Status

// Has reports whether s belongs to the group.
func (g Group) Has(s Status) bool { return slices.Contains(g, s) }

// Codes returns the group as the database stores statuses, for `status = ANY($n)`.
func (g Group) Codes() []int16 {
	out := make([]int16, len(g))
	for i, s := range g {
		out[i] = int16(s)
	}
	return out
}

// The groups the rules speak of. Every status is in exactly one of Open and Finished.
var (
	// Finished cases are over: refused at intake, stopped, decided or delivered. A finished case
	// is never newly late.
	Finished = Group{Refused, Stopped, Done, Delivered}

	// Open cases are not finished: the queue's "unfinished" and the citizen's "in progress".
	Open = Group{New, Received, Processing, Supplement, Payment, Withdrawal}

	// Running cases were received and are not finished: they have a legal due date. The
	// supervisor's dashboard counts them as "in progress".
	Running = Group{Received, Processing, Supplement, Payment, Withdrawal}

	// ClockRunning cases are running and their clock counts, unless it was paused: a case
	// awaiting a supplement does not become late. The deadline sweep reminds officers of these.
	ClockRunning = Group{Received, Processing, Payment, Withdrawal}

	// AwaitingCitizen cases wait for the citizen to act: a supplement or a payment.
	AwaitingCitizen = Group{Supplement, Payment}
)
