package ndxp

const geohashAlphabet = "0123456789bcdefghjkmnpqrstuvwxyz"

// geohash encodes a position as a base32 geohash of the given length; the land
// database's 12-character parcel ID is such a geohash of a point inside the parcel.
func geohash(lat, lon float64, length int) string {
	latLo, latHi := -90.0, 90.0
	lonLo, lonHi := -180.0, 180.0
	out := make([]byte, 0, length)
	even := true // even bits refine longitude
	var ch, bit int
	for len(out) < length {
		if even {
			mid := (lonLo + lonHi) / 2
			if lon >= mid {
				ch = ch<<1 | 1
				lonLo = mid
			} else {
				ch <<= 1
				lonHi = mid
			}
		} else {
			mid := (latLo + latHi) / 2
			if lat >= mid {
				ch = ch<<1 | 1
				latLo = mid
			} else {
				ch <<= 1
				latHi = mid
			}
		}
		even = !even
		if bit++; bit == 5 {
			out = append(out, geohashAlphabet[ch])
			ch, bit = 0, 0
		}
	}
	return string(out)
}
