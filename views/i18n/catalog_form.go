package i18n

// formCatalog holds the texts of the form components (keys prefixed form.).
var formCatalog = map[string]text{}
