package vneid

import (
	"net/http"

	"golang.org/x/text/language"
)

const (
	langVI     = "vi"
	langEN     = "en"
	langCookie = "vneid_lang"
	langParam  = "lang"
)

// messages are the texts of the simulator's pages in one language.
type messages struct {
	Lang, OtherLang, OtherLangName string

	Brand, SimBadge, SkipLink, LangNav, Footer string

	LoginTitle, HeadingCitizen, HeadingStaff, Intro      string
	UsernameCitizen, UsernameCitizenHint                 string
	UsernameStaff, UsernameStaffHint                     string
	Password, Submit, Cancel                             string
	ErrorTitle, ErrEmpty, ErrCredentials, ErrCSRF        string
	ErrCitizenOnStaff, ErrStaffOnCitizen                 string
	InvalidTitle, InvalidBody                            string
	LoggedOutTitle, LoggedOutBody                        string
	DemoHeading, DemoPassword, DemoCaptionC, DemoCaption string
	ColName, ColPersonalID, ColLoA, ColUsername          string
	ColAgency, ColRole                                   string
	LoA1, LoA2                                           string
	RoleOfficer, RoleSupervisor, RoleHelpdesk, RoleAdmin string
}

func messagesFor(lang string) messages {
	if lang == langEN {
		return messages{
			Lang: langEN, OtherLang: langVI, OtherLangName: "Tiếng Việt",
			Brand:    "VNeID (mô phỏng / simulator)",
			SimBadge: "SIMULATOR — not the real VNeID. Never enter real personal data.",
			SkipLink: "Skip to main content",
			LangNav:  "Language",
			Footer:   "Development simulator for the Một Lần portal. Demo data only.",

			LoginTitle:          "Sign in",
			HeadingCitizen:      "Sign in with your electronic identity",
			HeadingStaff:        "Sign in for civil servants",
			Intro:               "The application %s asks you to sign in.",
			UsernameCitizen:     "Personal identification number",
			UsernameCitizenHint: "12 digits, as printed on your citizen identity card.",
			UsernameStaff:       "Login name",
			UsernameStaffHint:   "For example: canbo.ubnd.hoankiem",
			Password:            "Password",
			Submit:              "Sign in",
			Cancel:              "Cancel",
			ErrorTitle:          "You could not be signed in",
			ErrEmpty:            "Enter your personal identification number or login name, and your password.",
			ErrCredentials:      "The personal identification number, login name or password is incorrect.",
			ErrCSRF:             "Your sign-in form has expired. Check your details and sign in again.",
			ErrCitizenOnStaff:   "This is a citizen account. Citizens cannot sign in to the staff workspace.",
			ErrStaffOnCitizen:   "This is a staff account. Sign in to the citizen portal with a citizen's electronic identity.",
			InvalidTitle:        "This sign-in request is not valid",
			InvalidBody:         "It may have expired or already been used. Go back to the application and start signing in again.",
			LoggedOutTitle:      "You have signed out",
			LoggedOutBody:       "You have signed out of VNeID (simulator). You can close this page.",
			DemoHeading:         "Demo accounts",
			DemoPassword:        "Password of every demo account:",
			DemoCaptionC:        "Demo citizens",
			DemoCaption:         "Demo staff accounts",
			ColName:             "Full name",
			ColPersonalID:       "Personal ID number",
			ColLoA:              "Level of assurance",
			ColUsername:         "Login name",
			ColAgency:           "Agency",
			ColRole:             "Role",
			LoA1:                "Level 1 (LoA1)",
			LoA2:                "Level 2 (LoA2)",
			RoleOfficer:         "Officer",
			RoleSupervisor:      "Supervisor",
			RoleHelpdesk:        "Helpdesk",
			RoleAdmin:           "Administrator",
		}
	}
	return messages{ //nolint:gosec // G101: page labels ("Mật khẩu" is "Password"), not a credential
		Lang: langVI, OtherLang: langEN, OtherLangName: "English",
		Brand:    "VNeID (mô phỏng / simulator)",
		SimBadge: "MÔ PHỎNG — không phải VNeID thật. Không nhập thông tin cá nhân thật.",
		SkipLink: "Bỏ qua, đến nội dung chính",
		LangNav:  "Ngôn ngữ",
		Footer:   "Trình mô phỏng phục vụ phát triển Cổng Một Lần. Chỉ có dữ liệu thử nghiệm.",

		LoginTitle:          "Đăng nhập",
		HeadingCitizen:      "Đăng nhập bằng tài khoản định danh điện tử",
		HeadingStaff:        "Đăng nhập dành cho cán bộ, công chức",
		Intro:               "Ứng dụng %s đề nghị bạn đăng nhập.",
		UsernameCitizen:     "Số định danh cá nhân",
		UsernameCitizenHint: "Gồm 12 chữ số, in trên thẻ căn cước.",
		UsernameStaff:       "Tên đăng nhập",
		UsernameStaffHint:   "Ví dụ: canbo.ubnd.hoankiem",
		Password:            "Mật khẩu",
		Submit:              "Đăng nhập",
		Cancel:              "Hủy",
		ErrorTitle:          "Không đăng nhập được",
		ErrEmpty:            "Hãy nhập số định danh cá nhân hoặc tên đăng nhập, và mật khẩu.",
		ErrCredentials:      "Số định danh cá nhân, tên đăng nhập hoặc mật khẩu không đúng.",
		ErrCSRF:             "Biểu mẫu đăng nhập đã hết hạn. Hãy kiểm tra thông tin và đăng nhập lại.",
		ErrCitizenOnStaff:   "Đây là tài khoản công dân. Công dân không thể đăng nhập vào khu vực làm việc của cán bộ.",
		ErrStaffOnCitizen:   "Đây là tài khoản cán bộ. Hãy đăng nhập Cổng dịch vụ công bằng tài khoản định danh điện tử của công dân.",
		InvalidTitle:        "Yêu cầu đăng nhập không hợp lệ",
		InvalidBody:         "Yêu cầu có thể đã hết hạn hoặc đã được sử dụng. Hãy quay lại ứng dụng và đăng nhập lại từ đầu.",
		LoggedOutTitle:      "Bạn đã đăng xuất",
		LoggedOutBody:       "Bạn đã đăng xuất khỏi VNeID (mô phỏng). Bạn có thể đóng trang này.",
		DemoHeading:         "Tài khoản thử nghiệm",
		DemoPassword:        "Mật khẩu của mọi tài khoản thử nghiệm:",
		DemoCaptionC:        "Công dân thử nghiệm",
		DemoCaption:         "Tài khoản cán bộ thử nghiệm",
		ColName:             "Họ và tên",
		ColPersonalID:       "Số định danh cá nhân",
		ColLoA:              "Mức định danh",
		ColUsername:         "Tên đăng nhập",
		ColAgency:           "Cơ quan",
		ColRole:             "Vai trò",
		LoA1:                "Mức 1 (LoA1)",
		LoA2:                "Mức 2 (LoA2)",
		RoleOfficer:         "Cán bộ xử lý",
		RoleSupervisor:      "Lãnh đạo, giám sát",
		RoleHelpdesk:        "Hỗ trợ",
		RoleAdmin:           "Quản trị",
	}
}

func (m messages) loa(acr string) string {
	if acr == LoA1 {
		return m.LoA1
	}
	return m.LoA2
}

func (m messages) role(hint string) string {
	switch hint {
	case "supervisor":
		return m.RoleSupervisor
	case "helpdesk":
		return m.RoleHelpdesk
	case "admin":
		return m.RoleAdmin
	default:
		return m.RoleOfficer
	}
}

// pickLang returns the first of the relying party's ui_locales that the pages support.
func pickLang(tags []language.Tag) string {
	for _, tag := range tags {
		switch base, _ := tag.Base(); base.String() {
		case langVI:
			return langVI
		case langEN:
			return langEN
		}
	}
	return ""
}

// pageLang picks the page language: ?lang= (remembered in a cookie), then the cookie,
// then the fallback (the auth request's ui_locales), then Vietnamese.
func (s *Server) pageLang(w http.ResponseWriter, r *http.Request, fallback string) string {
	if l := r.URL.Query().Get(langParam); l == langVI || l == langEN {
		http.SetCookie(w, &http.Cookie{ //nolint:gosec // G124: Secure follows the issuer's scheme; development runs it over http
			Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
		})
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == langVI || c.Value == langEN) {
		return c.Value
	}
	if fallback == langEN {
		return langEN
	}
	return langVI
}
